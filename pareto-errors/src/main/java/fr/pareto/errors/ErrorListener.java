package fr.pareto.errors;

import java.time.Duration;

/**
 * Receives notable changes of error groups. Every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Listeners run one at a time on the tracker's notifier thread (a daemon), never on the thread
 * that captured the error. A listener that throws is counted and logged, and the other listeners
 * still run. A slow listener delays the next notifications; when the bounded queue is full, new
 * notifications are dropped and counted in {@link ErrorTrackerStats#droppedNotifications()}.
 */
public interface ErrorListener {

    /** Called when a failure is seen for the first time since the tracker started. */
    default void onNewGroup(ErrorGroup group) {
    }

    /**
     * Called when a group is seen again after a quiet time at least as long as the tracker's
     * regression setting.
     *
     * @param quietFor how long the group had not been seen
     */
    default void onRegression(ErrorGroup group, Duration quietFor) {
    }

    /**
     * Called when a group exceeds the spike threshold within one spike window; at most once per
     * group and window.
     *
     * @param occurrences how many occurrences the window has counted so far
     * @param window the length of the window
     */
    default void onSpike(ErrorGroup group, long occurrences, Duration window) {
    }
}
