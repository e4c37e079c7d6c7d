package fr.pareto.alerting;

import fr.pareto.alerting.internal.Checks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the {@link AlertDispatcher} retries a message that failed temporarily: exponential
 * back-off with jitter for errors, the channel's own wait for rate limits, within a budget of
 * attempts and time. Immutable and thread-safe.
 *
 * <p>With the defaults, an endpoint that is unreachable for about 30 seconds still gets the
 * alert: waits of about 0.5, 1, 2, 4, 8, 16 and 30 seconds (each between half and all of the
 * nominal value), 8 attempts in all.
 *
 * @param maxAttempts attempts that end in an error (5xx, timeout, connection error) before the
 *     message fails, the first one included; results that carry their own wait (429 with
 *     {@code retry_after}) do not count, because {@code maxElapsed} bounds them; default 8, from 1 to 100
 * @param initialBackoff back-off before the second attempt; it doubles for each further
 *     attempt; default 500 ms, from 1 ms to 1 hour
 * @param maxBackoff upper bound of one back-off; default 30 s, at least {@code initialBackoff}
 * @param maxRetryAfter upper bound of one wait that the channel asks for (429
 *     {@code retry_after}); a longer request is cut to this, then the message is retried;
 *     default 60 s, from 1 ms to 1 hour
 * @param maxElapsed time from the first attempt after which no further attempt starts; default
 *     5 minutes, from 1 ms to 24 hours
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                          Duration maxRetryAfter, Duration maxElapsed) {

    private static final Duration ONE_MS = Duration.ofMillis(1);
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    /**
     * Creates a policy, validating every value.
     *
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if a value is outside the range documented on the class
     */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("Invalid maxAttempts " + maxAttempts + ": it must be from 1 to 100");
        }
        Checks.within("initialBackoff", initialBackoff, ONE_MS, ONE_HOUR);
        Checks.within("maxBackoff", maxBackoff, initialBackoff, ONE_HOUR);
        Checks.within("maxRetryAfter", maxRetryAfter, ONE_MS, ONE_HOUR);
        Checks.within("maxElapsed", maxElapsed, ONE_MS, Duration.ofHours(24));
    }

    /** Returns the default policy described on the class. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(5));
    }

    /** Returns a policy that makes one attempt only. */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(5));
    }

    /** Returns a copy with another {@code maxAttempts}. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter, maxElapsed);
    }

    /** Returns a copy with other back-off bounds. */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, maxElapsed);
    }

    /** Returns a copy with another cap on the waits that a channel requests. */
    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, max, maxElapsed);
    }

    /** Returns a copy with another time budget. */
    public RetryPolicy withMaxElapsed(Duration max) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, max);
    }

    /**
     * Returns the back-off after the given failed attempt: the nominal value
     * {@code initialBackoff * 2^(failedAttempts - 1)}, capped by {@code maxBackoff}, then a random
     * value between half of it and all of it, so that clients that failed together do not retry
     * together.
     *
     * @param failedAttempts attempts that have failed so far, at least 1
     */
    public Duration backoff(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("Invalid failedAttempts " + failedAttempts + ": it must be at least 1");
        }
        long nominal = initialBackoff.toNanos();
        for (int i = 1; i < failedAttempts && nominal < maxBackoff.toNanos(); i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, maxBackoff.toNanos());
        long half = nominal / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(nominal - half + 1));
    }
}
