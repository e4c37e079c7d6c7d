package fr.pareto.alerting;

import fr.pareto.alerting.internal.CloseState;
import fr.pareto.alerting.internal.Deduplicator;
import fr.pareto.alerting.internal.DeliveryStats;
import fr.pareto.alerting.internal.DeliveryWorker;
import fr.pareto.alerting.internal.Undelivered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The delivery engine: queues alerts and delivers them to every notifier in the background,
 * with retries, rate limits, coalescing and deduplication, and loses none silently.
 *
 * <pre>{@code
 * AlertDispatcher alerts = AlertDispatcher.builder()
 *         .notifier(DiscordNotifier.builder(webhookUrl).build())
 *         .build();
 * alerts.send(Alert.builder("API Health is down").severity(Severity.ERROR).build());
 * // at shutdown
 * alerts.close();
 * }</pre>
 *
 * <p><b>Delivery.</b> Each notifier has its own bounded queue and daemon thread
 * ({@code pareto-alert-<notifier name>}), so a slow channel does not hold up another. When
 * alerts queue up, the worker calls {@link Notifier#batchSize} to learn how many fit in one message (Discord: up to
 * 10 embeds), so a backlog goes out in fewer requests. A message that fails temporarily is
 * retried according to the {@link RetryPolicy}; the notifier makes the channel's rate limit
 * wait before each request.
 *
 * <p><b>Nothing is lost silently.</b> Every alert is either delivered or logged at ERROR, with
 * all its values and the reason, on the logger {@code fr.pareto.alerting.AlertDispatcher} with
 * the marker {@link AlertMarkers#NO_ALERT}: when its queue is full, when its retries are spent,
 * when the channel rejects it, and when {@link #close()} runs out of time. {@link #counters()}
 * counts each case.
 *
 * <p><b>Deduplication.</b> Alerts with the same {@link Alert#deduplicationKey()} within the
 * deduplication window are sent once; when the window ends, one more alert reports how many
 * times it repeated.
 *
 * <p><b>Thread safety and lifecycle.</b> Thread-safe. Threads start in
 * {@link Builder#build()}; {@link #close()} stops accepting alerts, delivers what is queued
 * within the close timeout, logs the rest and stops the threads. All threads are daemons, so a
 * dispatcher that is never closed does not keep the JVM alive, but then what is still queued
 * at exit is lost: close it in a shutdown hook.
 */
public final class AlertDispatcher implements AlertSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    /**
     * A snapshot of the counters, in alerts. An alert sent to two notifiers counts in each.
     *
     * @param sent alerts that a channel confirmed
     * @param retried alerts sent again after a temporary failure, once per retry
     * @param coalesced alerts that shared a message with an earlier one (a message of 10
     *     alerts adds 9)
     * @param deduplicated alerts not sent because an identical one was sent within the window
     * @param failed alerts given up after their retries, rejected by the channel, or still
     *     queued when close timed out; each was logged at ERROR
     * @param dropped alerts refused because a queue was full or the dispatcher closed; each
     *     was logged at ERROR
     */
    public record Counters(long sent, long retried, long coalesced, long deduplicated, long failed, long dropped) {
    }

    private final List<DeliveryWorker> workers;
    private final List<Thread> threads = new ArrayList<>();
    private final long offerTimeoutNanos;
    private final Duration closeTimeout;
    private final Deduplicator deduplicator;
    private final ScheduledExecutorService sweeper;
    private final DeliveryStats stats = new DeliveryStats();
    private final CloseState closeState = new CloseState();
    private final ReentrantReadWriteLock sendLock = new ReentrantReadWriteLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private AlertDispatcher(Builder builder) {
        this.offerTimeoutNanos = builder.offerTimeout.toNanos();
        this.closeTimeout = builder.closeTimeout;
        List<DeliveryWorker> created = new ArrayList<>();
        for (Notifier notifier : builder.notifiers) {
            created.add(new DeliveryWorker(notifier, builder.queueCapacity, builder.retryPolicy, stats, closeState));
        }
        this.workers = List.copyOf(created);
        for (DeliveryWorker worker : workers) {
            Thread thread = new Thread(worker, "pareto-alert-" + worker.name());
            thread.setDaemon(true);
            threads.add(thread);
        }

        if (builder.deduplicationWindow.isZero()) {
            this.deduplicator = null;
            this.sweeper = null;
        } else {
            this.deduplicator = new Deduplicator(builder.deduplicationWindow, builder.clock);
            this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "pareto-alert-deduplication");
                thread.setDaemon(true);
                return thread;
            });
            // Ten sweeps per window keep the summary's delay under a tenth of the window.
            long period = Math.max(10, Math.min(1000, builder.deduplicationWindow.toMillis() / 10));
            sweeper.scheduleWithFixedDelay(this::sweepDuplicates, period, period, TimeUnit.MILLISECONDS);
        }
        threads.forEach(Thread::start);
    }

    /** Starts a dispatcher configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues the alert for every notifier and returns. Waits at most the offer timeout for
     * queue space; never throws. An alert that cannot be queued is logged at ERROR and counted
     * as dropped. With no notifier configured, the alert is logged at ERROR as not delivered.
     *
     * @param alert the alert; a null alert is logged and ignored
     */
    @Override
    public void send(Alert alert) {
        if (alert == null) {
            LOG.error(AlertMarkers.NO_ALERT, "AlertDispatcher.send was called with a null alert; nothing to send",
                    new NullPointerException("alert"));
            return;
        }
        try {
            sendLock.readLock().lock();
            try {
                if (closed.get()) {
                    stats.dropped.add(Math.max(1, workers.size()));
                    Undelivered.log("every channel", List.of(alert), "the dispatcher is closed");
                    return;
                }
                if (deduplicator != null && !deduplicator.admit(alert)) {
                    stats.deduplicated.increment();
                    return;
                }
                enqueue(alert);
            } finally {
                sendLock.readLock().unlock();
            }
        } catch (RuntimeException e) {
            LOG.error(AlertMarkers.NO_ALERT, "Alert dispatcher failed to queue {}", alert, e);
        }
    }

    /** Returns a snapshot of the counters. */
    public Counters counters() {
        return new Counters(stats.sent.sum(), stats.retried.sum(), stats.coalesced.sum(), stats.deduplicated.sum(),
                stats.failed.sum(), stats.dropped.sum());
    }

    /** Returns the number of alerts waiting in all queues, not counting those being sent. */
    public int queued() {
        return workers.stream().mapToInt(DeliveryWorker::queued).sum();
    }

    /**
     * Stops accepting alerts, sends repeat summaries for open deduplication windows, delivers
     * what is queued within the close timeout, then logs at ERROR every alert still undelivered
     * and stops the threads. Later calls return at once. Restores the interrupt flag if the
     * calling thread is interrupted while waiting.
     *
     * <p>It returns within the close timeout plus about one second, plus the offer timeout if a
     * {@link #send} is waiting for queue space. A message in flight inside a call that ignores
     * interrupts (a blocking SMTP read) is logged by its worker when that call ends, which the
     * notifier's own timeouts bound, possibly after close() has returned.
     */
    @Override
    public void close() {
        sendLock.writeLock().lock();
        try {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        } finally {
            sendLock.writeLock().unlock();
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        if (sweeper != null) {
            sweeper.shutdownNow();
            deduplicator.sweep(true).forEach(this::enqueue);
        }
        closeState.beginClosing(deadline);

        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                // The worker logs its message in flight when the interrupt reaches it.
                thread.interrupt();
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (DeliveryWorker worker : workers) {
            List<Alert> rest = worker.drainQueue();
            if (!rest.isEmpty()) {
                stats.failed.add(rest.size());
                Undelivered.log(worker.name(), rest, "the dispatcher's close timeout of " + closeTimeout
                        + " passed before delivery");
            }
        }
        Counters counters = counters();
        LOG.info(AlertMarkers.NO_ALERT, "Alert dispatcher closed: {} sent, {} retried, {} coalesced, {} deduplicated,"
                + " {} failed, {} dropped", counters.sent(), counters.retried(), counters.coalesced(),
                counters.deduplicated(), counters.failed(), counters.dropped());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the repeat summaries of the deduplication windows that have ended. */
    void sweepDuplicates() {
        try {
            List<Alert> summaries = deduplicator.sweep(false);
            if (summaries.isEmpty()) {
                return;
            }
            sendLock.readLock().lock();
            try {
                summaries.forEach(this::enqueue);
            } finally {
                sendLock.readLock().unlock();
            }
        } catch (RuntimeException e) {
            LOG.error(AlertMarkers.NO_ALERT, "Alert dispatcher failed to send repeat summaries", e);
        }
    }

    private void enqueue(Alert alert) {
        if (workers.isEmpty()) {
            stats.failed.increment();
            Undelivered.log("any channel", List.of(alert), "no notifier is configured");
            return;
        }
        long deadline = System.nanoTime() + offerTimeoutNanos;
        for (DeliveryWorker worker : workers) {
            boolean queued;
            try {
                queued = worker.offer(alert, deadline - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stats.dropped.increment();
                Undelivered.log(worker.name(), List.of(alert), "the sending thread was interrupted while waiting for queue space");
                continue;
            }
            if (!queued) {
                stats.dropped.increment();
                Undelivered.log(worker.name(), List.of(alert), "its queue is full (" + worker.queued()
                        + " alerts) and stayed full for the offer timeout of " + offerTimeoutNanos / 1_000_000
                        + " ms; raise queueCapacity or find out why delivery is slow");
            }
        }
    }

    /**
     * Configures an {@link AlertDispatcher}. Not thread-safe; each setter validates its argument
     * at once.
     */
    public static final class Builder {
        private final List<Notifier> notifiers = new ArrayList<>();
        private int queueCapacity = 1000;
        private Duration offerTimeout = Duration.ZERO;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration deduplicationWindow = Duration.ofMinutes(5);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Adds a channel that every alert goes to. Default: none, and then every alert is logged
         * at ERROR as not delivered, which suits development.
         */
        public Builder notifier(Notifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        /**
         * Sets how many alerts each notifier's queue holds. Default: 1,000. When it is full,
         * {@link AlertDispatcher#send} waits up to the offer timeout, then drops the alert and
         * logs it at ERROR.
         *
         * @throws IllegalArgumentException if it is not from 1 to 1,000,000
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1 || capacity > 1_000_000) {
                throw new IllegalArgumentException("Invalid queueCapacity " + capacity + ": it must be from 1 to 1000000");
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Sets the longest time {@link AlertDispatcher#send} waits for queue space, over all
         * notifiers together. Default: zero, so a caller is never held.
         *
         * @throws IllegalArgumentException if it is negative or over 1 minute
         */
        public Builder offerTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "offerTimeout");
            if (timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("Invalid offerTimeout " + timeout + ": it must be from 0 to 1 minute");
            }
            this.offerTimeout = timeout;
            return this;
        }

        /** Sets how failed messages are retried. Default: {@link RetryPolicy#defaults()}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Sets the window in which alerts with the same deduplication key are sent once.
         * Default: 5 minutes. Zero turns deduplication off.
         *
         * @throws IllegalArgumentException if it is negative or over 24 hours
         */
        public Builder deduplicationWindow(Duration window) {
            Objects.requireNonNull(window, "deduplicationWindow");
            if (window.isNegative() || window.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("Invalid deduplicationWindow " + window + ": it must be from 0 to 24 hours");
            }
            this.deduplicationWindow = window;
            return this;
        }

        /**
         * Sets how long {@link AlertDispatcher#close()} keeps delivering what is queued.
         * Default: 10 seconds. What is still undelivered then is logged at ERROR. close() may
         * take about one second longer while workers stop.
         *
         * @throws IllegalArgumentException if it is negative or over 10 minutes
         */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "closeTimeout");
            if (timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("Invalid closeTimeout " + timeout + ": it must be from 0 to 10 minutes");
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** Sets the clock of the deduplication windows. Default: the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the dispatcher and starts its daemon threads. */
        public AlertDispatcher build() {
            return new AlertDispatcher(this);
        }
    }
}
