package fr.pareto.errors;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down every notification as text, such as {@code new <fingerprint>} or {@code spike <fingerprint> 4}. */
final class RecordingListener implements ErrorListener {

    final List<String> notifications = new CopyOnWriteArrayList<>();

    @Override
    public void onNewGroup(ErrorGroup group) {
        notifications.add("new " + group.fingerprint());
    }

    @Override
    public void onRegression(ErrorGroup group, Duration quietFor) {
        notifications.add("regression " + group.fingerprint() + " " + quietFor);
    }

    @Override
    public void onSpike(ErrorGroup group, long occurrences, Duration window) {
        notifications.add("spike " + group.fingerprint() + " " + occurrences + " " + window);
    }
}
