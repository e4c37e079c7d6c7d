package fr.pareto.alerting.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate limit that a webhook's last response announced, shared by every notifier that posts
 * to the same webhook in this JVM: Discord counts requests per webhook, not per client.
 *
 * <p>Requests to one webhook are serialised through {@link #lock()}, so each one starts after
 * the previous response was read and the wait it announced has passed.
 */
public final class RateLimitState {

    private static final ConcurrentMap<String, RateLimitState> BY_WEBHOOK = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile long notBeforeNanos = System.nanoTime();

    private RateLimitState() {
    }

    /** Returns the state of a webhook, created on first use. */
    public static RateLimitState of(String key) {
        return BY_WEBHOOK.computeIfAbsent(key, k -> new RateLimitState());
    }

    /** Returns the lock that serialises requests to this webhook. */
    public ReentrantLock lock() {
        return lock;
    }

    /**
     * Waits until the webhook accepts requests again, at most {@code maxWait}. Call with the lock
     * held.
     *
     * @return how long it waited
     */
    public Duration awaitTurn(Duration maxWait) throws InterruptedException {
        long wait = Math.min(notBeforeNanos - System.nanoTime(), maxWait.toNanos());
        if (wait <= 0) {
            return Duration.ZERO;
        }
        TimeUnit.NANOSECONDS.sleep(wait);
        return Duration.ofNanos(wait);
    }

    /**
     * Records {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset-After}: when no request
     * remains, the next one waits for the reset. Absent or unreadable headers change nothing.
     */
    public void update(HttpHeaders headers, long receivedNanos) {
        String remaining = headers.firstValue("X-RateLimit-Remaining").orElse(null);
        String resetAfter = headers.firstValue("X-RateLimit-Reset-After").orElse(null);
        if (remaining == null || resetAfter == null || !remaining.trim().equals("0")) {
            return;
        }
        JsonHttp.seconds(resetAfter).ifPresent(wait -> notBefore(receivedNanos + wait.toNanos()));
    }

    /** Holds every request until the given wait, counted from {@code fromNanos}, has passed. */
    public void cooldown(Duration wait, long fromNanos) {
        notBefore(fromNanos + wait.toNanos());
    }

    private synchronized void notBefore(long nanos) {
        if (nanos - notBeforeNanos > 0) {
            notBeforeNanos = nanos;
        }
    }
}
