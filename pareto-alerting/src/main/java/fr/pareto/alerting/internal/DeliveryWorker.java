package fr.pareto.alerting.internal;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertMarkers;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Notifier;
import fr.pareto.alerting.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The queue and the delivery loop of one notifier: takes the oldest alerts, lets the notifier
 * pack as many as fit in one message, and retries that message within the retry policy.
 * Runs on one daemon thread; {@link #offer} is called from any thread.
 */
public final class DeliveryWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("fr.pareto.alerting.AlertDispatcher");
    /** Alerts shown to {@link Notifier#batchSize(List)} at once; above Discord's 10 embeds. */
    private static final int LOOKAHEAD = 16;
    private static final long IDLE_POLL_MILLIS = 50;

    private final Notifier notifier;
    private final String name;
    private final BlockingQueue<Alert> queue;
    private final RetryPolicy policy;
    private final DeliveryStats stats;
    private final CloseState close;
    /** Alerts taken from the queue but not yet in a message; only the worker thread touches it. */
    private final List<Alert> pending = new ArrayList<>();
    private volatile List<Alert> inFlight = List.of();

    public DeliveryWorker(Notifier notifier, int capacity, RetryPolicy policy, DeliveryStats stats, CloseState close) {
        this.notifier = notifier;
        this.name = notifier.name();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.policy = policy;
        this.stats = stats;
        this.close = close;
    }

    /** Returns the notifier's name, safe for logs. */
    public String name() {
        return name;
    }

    /** Queues an alert, waiting up to the given time for space. */
    public boolean offer(Alert alert, long timeoutNanos) throws InterruptedException {
        return timeoutNanos <= 0 ? queue.offer(alert) : queue.offer(alert, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns the number of alerts waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    /** Removes and returns what is still queued; for close() once the worker has stopped. */
    public List<Alert> drainQueue() {
        List<Alert> rest = new ArrayList<>();
        queue.drainTo(rest);
        return rest;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (pending.isEmpty()) {
                    Alert first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (close.closing()) {
                            return;
                        }
                        continue;
                    }
                    pending.add(first);
                }
                queue.drainTo(pending, LOOKAHEAD - pending.size());
                List<Alert> batch = nextBatch();
                inFlight = batch;
                deliver(batch);
                inFlight = List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error(AlertMarkers.NO_ALERT, "Alert worker for {} stopped by an unexpected error", name, e);
        } finally {
            List<Alert> left = new ArrayList<>(inFlight);
            left.addAll(pending);
            pending.clear();
            if (!left.isEmpty()) {
                stats.failed.add(left.size());
                Undelivered.log(name, left, "the dispatcher's close timeout passed before delivery");
            }
        }
    }

    private List<Alert> nextBatch() {
        int size;
        try {
            size = notifier.batchSize(List.copyOf(pending));
        } catch (RuntimeException e) {
            LOG.warn(AlertMarkers.NO_ALERT, "{} failed to size a message; sending alerts one by one", name, e);
            size = 1;
        }
        size = Math.max(1, Math.min(size, pending.size()));
        List<Alert> batch = List.copyOf(pending.subList(0, size));
        pending.subList(0, size).clear();
        return batch;
    }

    /** Delivers one message, retrying within the policy; logs it at ERROR if it fails for good. */
    private void deliver(List<Alert> batch) throws InterruptedException {
        long start = System.nanoTime();
        int errors = 0;
        int attempts = 0;
        while (true) {
            attempts++;
            DeliveryResult result = attempt(batch);
            switch (result.outcome()) {
                case DELIVERED -> {
                    stats.sent.add(batch.size());
                    stats.coalesced.add(batch.size() - 1L);
                    if (errors > 0) {
                        LOG.info(AlertMarkers.NO_ALERT, "{} delivered {} alert(s) after {} attempts", name, batch.size(), attempts);
                    }
                    return;
                }
                case FAILED -> {
                    fail(batch, result.reason());
                    return;
                }
                case RETRY -> {
                    Duration wait;
                    if (result.retryAfter().isPresent()) {
                        wait = min(result.retryAfter().get(), policy.maxRetryAfter());
                    } else {
                        errors++;
                        if (errors >= policy.maxAttempts()) {
                            fail(batch, "gave up after " + attempts + " attempts; last error: " + result.reason());
                            return;
                        }
                        wait = policy.backoff(errors);
                    }
                    long elapsed = System.nanoTime() - start;
                    if (elapsed + wait.toNanos() > policy.maxElapsed().toNanos()) {
                        fail(batch, "gave up after " + attempts + " attempts: the retry budget of " + policy.maxElapsed()
                                + " is spent; last error: " + result.reason());
                        return;
                    }
                    if (close.waitPassesDeadline(wait.toNanos())) {
                        fail(batch, "the dispatcher is closing and the next attempt, in " + wait.toMillis()
                                + " ms, would pass its close timeout; last error: " + result.reason());
                        return;
                    }
                    logRetry(batch, attempts, errors, wait, result);
                    stats.retried.add(batch.size());
                    TimeUnit.NANOSECONDS.sleep(wait.toNanos());
                }
            }
        }
    }

    private DeliveryResult attempt(List<Alert> batch) throws InterruptedException {
        try {
            DeliveryResult result = notifier.deliver(batch);
            return result != null ? result : DeliveryResult.retry(name + " returned no result");
        } catch (RuntimeException e) {
            return DeliveryResult.retry(name + " threw " + e);
        }
    }

    /**
     * Logs a retry: the first error of a message at WARN with its reason, later ones at DEBUG, so an
     * outage is reported once per message; the outcome follows at INFO (delivered) or ERROR (failed).
     */
    private void logRetry(List<Alert> batch, int attempts, int errors, Duration wait, DeliveryResult result) {
        if (result.retryAfter().isPresent() || errors > 1) {
            // Rate limits are routine during a burst, and later errors repeat the first one's WARN.
            LOG.debug(AlertMarkers.NO_ALERT, "{}: attempt {} for {} alert(s): {}; retrying in {} ms",
                    name, attempts, batch.size(), result.reason(), wait.toMillis());
        } else {
            LOG.warn(AlertMarkers.NO_ALERT, "{}: attempt {} for {} alert(s) failed: {}; retrying in {} ms",
                    name, attempts, batch.size(), result.reason(), wait.toMillis());
        }
    }

    private void fail(List<Alert> batch, String reason) {
        stats.failed.add(batch.size());
        Undelivered.log(name, batch, reason);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
