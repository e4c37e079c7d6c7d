package fr.pareto.errors.internal;

import fr.pareto.errors.ErrorGroup;
import fr.pareto.errors.ErrorSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded set of error groups, keyed by fingerprint.
 *
 * <p>Recording into an existing group takes only that group's lock. Creating a group takes the
 * store's lock and, when the store is full, evicts the group seen least recently (a scan of all
 * groups, so its cost grows with the maximum number of groups).
 *
 * <p>Thread-safe.
 */
public final class GroupStore {

    private final int maxGroups;
    private final long regressionAfterMillis;
    private final long spikeThreshold;
    private final long spikeWindowMillis;
    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();
    private final AtomicLong evicted = new AtomicLong();

    /**
     * Creates a store.
     *
     * @param regressionAfter quiet time after which a new occurrence is a regression
     * @param spikeThreshold a group spikes when a window counts more than this many occurrences
     * @param spikeWindow the length of a spike window
     */
    public GroupStore(int maxGroups, Duration regressionAfter, long spikeThreshold, Duration spikeWindow) {
        this.maxGroups = maxGroups;
        this.regressionAfterMillis = regressionAfter.toMillis();
        this.spikeThreshold = spikeThreshold;
        this.spikeWindowMillis = spikeWindow.toMillis();
    }

    /** What one recorded occurrence changed; listeners are told about the flagged changes. */
    public record Outcome(ErrorGroup group, boolean isNew, Duration regressionQuietFor, long spikeCount) {
        /** Returns whether a listener has something to hear about. */
        public boolean notable() {
            return isNew || regressionQuietFor != null || spikeCount > 0;
        }
    }

    /** Records an occurrence and returns its outcome, whose group is a snapshot taken under the group's lock. */
    public Outcome record(String fingerprint, String type, ErrorSample sample) {
        Group group = groups.get(fingerprint);
        boolean created = false;
        if (group == null) {
            synchronized (groups) {
                group = groups.get(fingerprint);
                if (group == null) {
                    if (groups.size() >= maxGroups) {
                        evictLeastRecent();
                    }
                    group = new Group(fingerprint, type, sample.time());
                    groups.put(fingerprint, group);
                    created = true;
                }
            }
        }
        return group.record(sample, created);
    }

    /** Returns the number of groups held. */
    public int size() {
        return groups.size();
    }

    /** Returns how many groups were evicted to stay within the bound. */
    public long evicted() {
        return evicted.get();
    }

    /** Returns a snapshot of one group. */
    public Optional<ErrorGroup> group(String fingerprint) {
        Group group = groups.get(fingerprint);
        return group == null ? Optional.empty() : Optional.ofNullable(group.snapshot());
    }

    /** Returns up to {@code limit} snapshots, highest count first (ties: most recent first). */
    public List<ErrorGroup> mostFrequent(int limit) {
        return sorted(Comparator.comparingLong(ErrorGroup::count).reversed()
                .thenComparing(ErrorGroup::lastSeen, Comparator.reverseOrder()), limit);
    }

    /** Returns up to {@code limit} snapshots, most recently seen first. */
    public List<ErrorGroup> mostRecent(int limit) {
        return sorted(Comparator.comparing(ErrorGroup::lastSeen, Comparator.reverseOrder())
                .thenComparing(Comparator.comparingLong(ErrorGroup::count).reversed()), limit);
    }

    private List<ErrorGroup> sorted(Comparator<ErrorGroup> order, int limit) {
        List<ErrorGroup> snapshots = new ArrayList<>(groups.size());
        for (Group group : groups.values()) {
            ErrorGroup snapshot = group.snapshot();
            if (snapshot != null) {
                snapshots.add(snapshot);
            }
        }
        snapshots.sort(order);
        return List.copyOf(snapshots.subList(0, Math.min(limit, snapshots.size())));
    }

    private void evictLeastRecent() {
        Group oldest = null;
        for (Group group : groups.values()) {
            if (oldest == null || group.lastSeenMillis() < oldest.lastSeenMillis()) {
                oldest = group;
            }
        }
        if (oldest != null && groups.remove(oldest.fingerprint, oldest)) {
            evicted.incrementAndGet();
        }
    }

    /** Mutable state of one group, guarded by its own lock. */
    private final class Group {
        final String fingerprint;
        final String type;
        final Instant firstSeen;
        long count;
        Instant lastSeen;
        ErrorSample lastSample;
        long windowStartMillis;
        long windowCount;
        boolean spikeReported;

        Group(String fingerprint, String type, Instant firstSeen) {
            this.fingerprint = fingerprint;
            this.type = type;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
            this.windowStartMillis = firstSeen.toEpochMilli();
        }

        synchronized Outcome record(ErrorSample sample, boolean created) {
            Instant now = sample.time();
            long nowMillis = now.toEpochMilli();
            Duration quietFor = null;
            if (!created && nowMillis - lastSeen.toEpochMilli() >= regressionAfterMillis) {
                quietFor = Duration.between(lastSeen, now);
            }

            // Fixed windows: a burst that straddles two windows may stay under the threshold in both.
            if (nowMillis - windowStartMillis >= spikeWindowMillis || nowMillis < windowStartMillis) {
                windowStartMillis = nowMillis;
                windowCount = 0;
                spikeReported = false;
            }
            windowCount++;
            long spike = 0;
            if (windowCount > spikeThreshold && !spikeReported) {
                spikeReported = true;
                spike = windowCount;
            }

            count++;
            if (now.isAfter(lastSeen)) {
                lastSeen = now;
            }
            lastSample = sample;
            return new Outcome(snapshot(), created, quietFor, spike);
        }

        synchronized ErrorGroup snapshot() {
            return lastSample == null ? null : new ErrorGroup(fingerprint, type, count, firstSeen, lastSeen, lastSample);
        }

        synchronized long lastSeenMillis() {
            return lastSeen.toEpochMilli();
        }
    }
}
