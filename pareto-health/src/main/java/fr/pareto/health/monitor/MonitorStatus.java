package fr.pareto.health.monitor;

import java.util.Locale;

/**
 * The state of a monitor, as shown on the status page and recorded in heartbeats.
 *
 * <p>Heartbeats carry {@link #UP}, {@link #PENDING}, {@link #DOWN} or {@link #MAINTENANCE}.
 * {@link #PAUSED} and {@link #UNKNOWN} only describe a monitor as a whole.
 */
public enum MonitorStatus {
    /** The last check passed. */
    UP,
    /** The last check failed, but fewer consecutive checks failed than the monitor's DOWN threshold. */
    PENDING,
    /** At least the threshold of consecutive checks failed. */
    DOWN,
    /** A maintenance window covers the monitor: no check runs and no notification is sent. */
    MAINTENANCE,
    /** The monitor was paused: no check runs until it is resumed. */
    PAUSED,
    /** No check has completed yet. */
    UNKNOWN;

    /** Returns the name in lower case, as written in {@code /status.json}: {@code up}, {@code down}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
