package fr.pareto.health.monitor;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A period in which some or all monitors are under maintenance: their checks do not run,
 * their heartbeats have the status {@link MonitorStatus#MAINTENANCE}, uptime ratios leave the
 * period out, and no notification is sent. A window is one-off ({@link #of}) or repeats every
 * day ({@link #daily}) or every week ({@link #weekly}) at a local time of a time zone.
 *
 * <p>An incident whose DOWN was notified before the window stays open through it: if the
 * monitor passes its first check after the window, the UP notification is sent; if it fails,
 * the monitor is DOWN again at once without a second DOWN notification. Failures that were only
 * PENDING are forgotten when the window starts.
 *
 * <p>Immutable and thread-safe.
 */
public final class MaintenanceWindow {

    private final Instant start;
    private final Instant end;
    private final LocalTime localStart;
    private final DayOfWeek day;
    private final ZoneId zone;
    private final Duration length;
    private final Set<String> monitors;

    private MaintenanceWindow(Instant start, Instant end, LocalTime localStart, DayOfWeek day, ZoneId zone,
                              Duration length, String... monitors) {
        this.start = start;
        this.end = end;
        this.localStart = localStart;
        this.day = day;
        this.zone = zone;
        this.length = checkLength(length);
        for (String monitor : Objects.requireNonNull(monitors, "monitors")) {
            Objects.requireNonNull(monitor, "monitor name");
        }
        this.monitors = Set.of(monitors);
    }

    /**
     * Creates a one-off window.
     *
     * @param monitors the monitors it covers; none for all monitors
     * @throws IllegalArgumentException if length is zero or negative, or a monitor is named twice
     */
    public static MaintenanceWindow of(Instant start, Duration length, String... monitors) {
        Objects.requireNonNull(start, "start");
        return new MaintenanceWindow(start, start.plus(checkLength(length)), null, null, null, length, monitors);
    }

    /**
     * Creates a window that repeats every day at a local time, such as 02:00 in Europe/Paris for
     * 30 minutes. On a daylight-saving change the local time is resolved as
     * {@link ZonedDateTime#of} does: a start in a gap moves later by the gap's length.
     *
     * @throws IllegalArgumentException if length is zero, negative or over one day
     */
    public static MaintenanceWindow daily(LocalTime start, Duration length, ZoneId zone, String... monitors) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        checkRepeat(length, Duration.ofDays(1), "daily");
        return new MaintenanceWindow(null, null, start, null, zone, length, monitors);
    }

    /**
     * Creates a window that repeats every week on a day at a local time, such as Sunday 03:00 in
     * Europe/Paris for one hour.
     *
     * @throws IllegalArgumentException if length is zero, negative or over one week
     */
    public static MaintenanceWindow weekly(DayOfWeek day, LocalTime start, Duration length, ZoneId zone,
                                           String... monitors) {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        checkRepeat(length, Duration.ofDays(7), "weekly");
        return new MaintenanceWindow(null, null, start, day, zone, length, monitors);
    }

    /** Returns the names of the monitors the window covers; empty for all monitors. */
    public Set<String> monitors() {
        return monitors;
    }

    /** Returns the end of a one-off window; empty for a repeating one, which never ends. */
    public Optional<Instant> end() {
        return Optional.ofNullable(end);
    }

    /** Returns whether the window covers the named monitor at the given instant, start inclusive, end exclusive. */
    public boolean covers(String monitor, Instant time) {
        if (!monitors.isEmpty() && !monitors.contains(monitor)) {
            return false;
        }
        if (start != null) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        Instant occurrence = lastStart(time);
        return time.isBefore(occurrence.plus(length));
    }

    // The latest start of a repeating window at or before the given instant.
    private Instant lastStart(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        ZonedDateTime candidate;
        if (day == null) {
            candidate = ZonedDateTime.of(local.toLocalDate(), localStart, zone);
            if (candidate.toInstant().isAfter(time)) {
                candidate = ZonedDateTime.of(local.toLocalDate().minusDays(1), localStart, zone);
            }
        } else {
            candidate = ZonedDateTime.of(local.toLocalDate().with(TemporalAdjusters.previousOrSame(day)), localStart, zone);
            if (candidate.toInstant().isAfter(time)) {
                candidate = ZonedDateTime.of(candidate.toLocalDate().minusWeeks(1), localStart, zone);
            }
        }
        return candidate.toInstant();
    }

    @Override
    public String toString() {
        String when = start != null ? start + " to " + end
                : (day == null ? "daily" : "every " + day) + " at " + localStart + " " + zone + " for " + length;
        return "MaintenanceWindow[" + when + (monitors.isEmpty() ? ", all monitors" : ", " + monitors) + "]";
    }

    private static Duration checkLength(Duration length) {
        Objects.requireNonNull(length, "length");
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("Invalid maintenance length " + length + ": it must be positive");
        }
        return length;
    }

    private static void checkRepeat(Duration length, Duration period, String kind) {
        checkLength(length);
        if (length.compareTo(period) > 0) {
            throw new IllegalArgumentException("Invalid " + kind + " maintenance length " + length
                    + ": it must not be longer than its period of " + period);
        }
    }
}
