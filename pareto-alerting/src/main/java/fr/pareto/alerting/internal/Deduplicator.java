package fr.pareto.alerting.internal;

import fr.pareto.alerting.Alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Lets the first alert of each deduplication key through per window and counts the repeats;
 * when the window ends, the repeats become one summary alert. Thread-safe.
 */
public final class Deduplicator {

    private static final class Window {
        final Alert first;
        final Instant end;
        int repeats;
        Instant lastSeen;

        Window(Alert first, Instant end) {
            this.first = first;
            this.end = end;
            this.lastSeen = first.timestamp();
        }
    }

    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Queue<Window> replaced = new ConcurrentLinkedQueue<>();

    public Deduplicator(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /**
     * Returns true if the alert opens a window and should be delivered, false if it repeats an
     * alert of an open window and was counted instead.
     */
    public boolean admit(Alert alert) {
        Instant now = clock.instant();
        boolean[] admitted = {false};
        windows.compute(alert.deduplicationKey(), (key, open) -> {
            if (open == null || !now.isBefore(open.end)) {
                admitted[0] = true;
                if (open != null && open.repeats > 0) {
                    // The window ended before the sweep saw it: keep its repeats for the next sweep.
                    replaced.add(open);
                }
                return new Window(alert, now.plus(window));
            }
            open.repeats++;
            if (alert.timestamp().isAfter(open.lastSeen)) {
                open.lastSeen = alert.timestamp();
            }
            return open;
        });
        return admitted[0];
    }

    /**
     * Removes the windows that have ended (all of them if {@code all}) and returns one summary
     * alert for each that counted repeats.
     */
    public List<Alert> sweep(boolean all) {
        Instant now = clock.instant();
        List<Alert> summaries = new ArrayList<>();
        for (Window ended = replaced.poll(); ended != null; ended = replaced.poll()) {
            summaries.add(summary(ended));
        }
        Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Window> entry = it.next();
            Window open = entry.getValue();
            if (!all && now.isBefore(open.end)) {
                continue;
            }
            if (windows.remove(entry.getKey(), open) && open.repeats > 0) {
                summaries.add(summary(open));
            }
        }
        return summaries;
    }

    private Alert summary(Window open) {
        Alert first = open.first;
        Alert.Builder summary = Alert.builder(first.title() + " (repeated " + open.repeats + " times)")
                .severity(first.severity())
                .color(first.color())
                .description(first.description())
                .timestamp(open.lastSeen)
                .deduplicationKey(first.deduplicationKey() + " (repeats)")
                .field("Repeated", open.repeats + " more times from " + first.timestamp() + " to " + open.lastSeen
                        + " (deduplication window " + window + ")", false);
        first.fields().forEach(field -> summary.field(field.name(), field.value(), field.inline()));
        first.source().ifPresent(summary::source);
        first.link().ifPresent(summary::link);
        return summary.build();
    }
}
