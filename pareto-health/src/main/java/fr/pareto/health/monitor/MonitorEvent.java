package fr.pareto.health.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A notification-worthy transition of one monitor, handed to {@link MonitorNotifier}s.
 *
 * <p>For one incident the sequence is exactly one {@link Type#DOWN}, then zero or more
 * {@link Type#STILL_DOWN}, then at most one {@link Type#UP}. A monitor that was only PENDING
 * produces no event at all.
 *
 * @param type         what happened
 * @param monitor      the monitor's name
 * @param target       what the monitor watches, secrets masked
 * @param time         when the transition happened: the start of the check that caused it
 * @param message      the last check's error for {@code DOWN} and {@code STILL_DOWN}, its
 *                     message (often empty) for {@code UP}; secrets masked
 * @param downSince    the start of the first failed check of the incident
 * @param failedChecks the number of consecutive failed checks in the incident, at least 1
 */
public record MonitorEvent(Type type, String monitor, String target, Instant time, String message,
                           Instant downSince, int failedChecks) {

    /** The kinds of transition. */
    public enum Type {
        /** The monitor just became DOWN: the first notification of an incident. */
        DOWN,
        /** The monitor is still DOWN and its re-notification period has passed. */
        STILL_DOWN,
        /** The monitor is UP again after a DOWN that was notified. */
        UP
    }

    /**
     * Creates an event.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if failedChecks is under 1 or downSince is after time
     */
    public MonitorEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(downSince, "downSince");
        if (failedChecks < 1) {
            throw new IllegalArgumentException("Invalid failedChecks " + failedChecks + ": an incident has at least 1 failed check");
        }
        if (downSince.isAfter(time)) {
            throw new IllegalArgumentException("Invalid downSince " + downSince + ": it is after the event time " + time);
        }
    }

    /** Returns how long the monitor has been failing: from {@link #downSince()} to {@link #time()}. */
    public Duration outage() {
        return Duration.between(downSince, time);
    }
}
