package fr.pareto.health.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A period in which some or all monitors are under maintenance: their checks do not run,
 * their heartbeats have the status {@link MonitorStatus#MAINTENANCE}, uptime ratios leave the
 * period out, and no notification is sent.
 *
 * <p>An incident whose DOWN was notified before the window stays open through it: if the
 * monitor passes its first check after the window, the UP notification is sent; if it fails,
 * the monitor is DOWN again at once without a second DOWN notification. Failures that were only
 * PENDING are forgotten when the window starts.
 *
 * @param start    the first instant of the window, inclusive
 * @param end      the end of the window, exclusive; after start
 * @param monitors the names of the monitors it covers; empty for all monitors
 */
public record MaintenanceWindow(Instant start, Instant end, Set<String> monitors) {

    /**
     * Creates a window.
     *
     * @throws NullPointerException     if an argument or a monitor name is null
     * @throws IllegalArgumentException if end is not after start
     */
    public MaintenanceWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        monitors = Set.copyOf(Objects.requireNonNull(monitors, "monitors"));
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("Invalid maintenance window from " + start + " to " + end
                    + ": the end must be after the start");
        }
    }

    /**
     * Creates a window of the given length.
     *
     * @param monitors the monitors it covers; none for all monitors
     * @throws IllegalArgumentException if length is zero or negative
     */
    public static MaintenanceWindow of(Instant start, Duration length, String... monitors) {
        Objects.requireNonNull(length, "length");
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("Invalid maintenance length " + length + ": it must be positive");
        }
        return new MaintenanceWindow(start, start.plus(length), Set.of(monitors));
    }

    /** Returns whether the window covers the named monitor at the given instant. */
    public boolean covers(String monitor, Instant time) {
        return !time.isBefore(start) && time.isBefore(end) && (monitors.isEmpty() || monitors.contains(monitor));
    }
}
