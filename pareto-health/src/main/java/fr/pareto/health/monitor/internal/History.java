package fr.pareto.health.monitor.internal;

import fr.pareto.health.monitor.Heartbeat;
import fr.pareto.health.monitor.MonitorStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The heartbeats of one monitor: the last few in full, and per-hour counts for 30 days of uptime
 * ratios, so memory stays bounded whatever the interval (about 12 KB of counters plus the ring).
 *
 * <p>Not thread-safe: the owning runner guards it.
 */
public final class History {

    /** Hours of counts kept: 30 days. */
    static final int HOURS = 30 * 24;

    private final int capacity;
    private final ArrayDeque<Heartbeat> recent;

    // Slot i contains the counts of the hour whose number (hours since the epoch) is hour[i];
    // a slot whose hour is stale is reset before reuse.
    private final long[] hour = new long[HOURS];
    private final int[] up = new int[HOURS];
    private final int[] down = new int[HOURS];

    /** Creates a history that keeps the last capacity heartbeats. */
    public History(int capacity) {
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(capacity);
        Arrays.fill(hour, Long.MIN_VALUE);
    }

    /** Records a heartbeat. PENDING counts as up: it is a failure not yet confirmed. */
    public void add(Heartbeat heartbeat) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(heartbeat);
        if (heartbeat.status() == MonitorStatus.MAINTENANCE) {
            return;
        }
        int slot = slotFor(hourOf(heartbeat.time()));
        if (slot < 0) {
            return;
        }
        if (heartbeat.status() == MonitorStatus.DOWN) {
            down[slot]++;
        } else {
            up[slot]++;
        }
    }

    /** Returns the recent heartbeats, oldest first. */
    public List<Heartbeat> recent() {
        return new ArrayList<>(recent);
    }

    /**
     * Returns the share of non-maintenance heartbeats that were not DOWN. The window is the hour
     * of now and the hours-1 hours before it. Empty when the window has no heartbeat.
     */
    public OptionalDouble uptime(Instant now, int hours) {
        long current = hourOf(now);
        long upCount = 0;
        long total = 0;
        for (int i = 0; i < HOURS; i++) {
            if (hour[i] <= current && hour[i] > current - hours) {
                upCount += up[i];
                total += up[i] + down[i];
            }
        }
        return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) upCount / total);
    }

    /** Returns the mean response time of the recent UP heartbeats. */
    public Optional<Duration> averageResponseTime() {
        long[] nanos = upResponseNanos();
        if (nanos.length == 0) {
            return Optional.empty();
        }
        long sum = 0;
        for (long value : nanos) {
            sum += value;
        }
        return Optional.of(Duration.ofNanos(sum / nanos.length));
    }

    /** Returns the 95th percentile, by nearest rank, of the recent UP heartbeats' response times. */
    public Optional<Duration> p95ResponseTime() {
        long[] nanos = upResponseNanos();
        if (nanos.length == 0) {
            return Optional.empty();
        }
        Arrays.sort(nanos);
        int rank = (int) Math.ceil(0.95 * nanos.length);
        return Optional.of(Duration.ofNanos(nanos[rank - 1]));
    }

    private long[] upResponseNanos() {
        return recent.stream()
                .filter(heartbeat -> heartbeat.status() == MonitorStatus.UP)
                .mapToLong(heartbeat -> heartbeat.responseTime().toNanos())
                .toArray();
    }

    // Returns -1 for an hour older than the one the slot already counts (a clock set back).
    private int slotFor(long hourNumber) {
        int slot = (int) Math.floorMod(hourNumber, (long) HOURS);
        if (hour[slot] > hourNumber) {
            return -1;
        }
        if (hour[slot] != hourNumber) {
            hour[slot] = hourNumber;
            up[slot] = 0;
            down[slot] = 0;
        }
        return slot;
    }

    private static long hourOf(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), 3600L);
    }
}
