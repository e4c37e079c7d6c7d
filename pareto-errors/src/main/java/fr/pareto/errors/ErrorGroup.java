package fr.pareto.errors;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one group: every occurrence of one failure, as found by its fingerprint.
 *
 * @param fingerprint 16 lower-case hex digits, the same in every JVM and build for one failure
 * @param type the class name of the primary throwable
 * @param count how many occurrences were recorded since the group was created, at least 1
 * @param firstSeen when the first occurrence was captured
 * @param lastSeen when the latest occurrence was captured
 * @param lastSample the latest occurrence with its context
 */
public record ErrorGroup(String fingerprint, String type, long count, Instant firstSeen, Instant lastSeen,
                         ErrorSample lastSample) {

    /**
     * Creates a snapshot.
     *
     * @throws NullPointerException if an argument is null
     */
    public ErrorGroup {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(lastSample, "lastSample");
    }
}
