package fr.pareto.health.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The failure a monitor is in now: from its first failed check until a check passes.
 *
 * @param start        the start of the first failed check
 * @param duration     the time from start to when the snapshot was taken
 * @param failedChecks the number of failed checks so far, at least 1
 * @param lastError    the last failed check's message, secrets masked
 * @param notified     whether a DOWN notification was sent for it; false while only PENDING
 */
public record Incident(Instant start, Duration duration, int failedChecks, String lastError, boolean notified) {

    /**
     * Creates an incident.
     *
     * @throws NullPointerException if an argument is null
     */
    public Incident {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(lastError, "lastError");
    }
}
