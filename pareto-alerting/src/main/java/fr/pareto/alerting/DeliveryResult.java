package fr.pareto.alerting;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one delivery attempt by a {@link Notifier}: delivered, worth retrying, or
 * failed for good. Immutable.
 */
public final class DeliveryResult {

    /** The kind of outcome, which decides what the dispatcher does next. */
    public enum Outcome {
        /** The channel confirmed the message. */
        DELIVERED,
        /** A temporary failure (rate limit, 5xx, timeout, connection error): try again later. */
        RETRY,
        /** A failure that repeating the same request cannot fix (400, bad credentials). */
        FAILED
    }

    private static final DeliveryResult DELIVERED = new DeliveryResult(Outcome.DELIVERED, "delivered", null);

    private final Outcome outcome;
    private final String reason;
    private final Duration retryAfter;

    private DeliveryResult(Outcome outcome, String reason, Duration retryAfter) {
        this.outcome = outcome;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** Returns the result of an attempt that the channel confirmed. */
    public static DeliveryResult delivered() {
        return DELIVERED;
    }

    /**
     * Returns the result of a temporary failure; the dispatcher retries after its own
     * exponential back-off.
     *
     * @param reason what went wrong, without secrets, such as {@code HTTP 503 Service Unavailable}
     */
    public static DeliveryResult retry(String reason) {
        return new DeliveryResult(Outcome.RETRY, Objects.requireNonNull(reason, "reason"), null);
    }

    /**
     * Returns the result of a temporary failure for which the channel gave a wait,
     * such as a 429 with {@code retry_after}. The dispatcher waits that long (capped by its
     * retry policy) instead of its own back-off.
     *
     * @param reason what went wrong, without secrets
     * @param retryAfter how long the channel asked to wait, zero or positive
     * @throws IllegalArgumentException if retryAfter is negative
     */
    public static DeliveryResult retryAfter(String reason, Duration retryAfter) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("Invalid retryAfter " + retryAfter + ": it must be zero or positive");
        }
        return new DeliveryResult(Outcome.RETRY, reason, retryAfter);
    }

    /**
     * Returns the result of a failure that retrying cannot fix.
     *
     * @param reason what went wrong and what to change, without secrets
     */
    public static DeliveryResult failed(String reason) {
        return new DeliveryResult(Outcome.FAILED, Objects.requireNonNull(reason, "reason"), null);
    }

    /** Returns what happened. */
    public Outcome outcome() {
        return outcome;
    }

    /** Returns the reason, {@code delivered} for a delivery. */
    public String reason() {
        return reason;
    }

    /** Returns the wait the channel asked for before the next attempt, if it gave one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return outcome + (retryAfter == null ? "" : " after " + retryAfter) + ": " + reason;
    }
}
