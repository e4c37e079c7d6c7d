package fr.pareto.errors.internal;

import fr.pareto.errors.ErrorListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listeners on one daemon thread, fed by a bounded queue, so that a slow or failing
 * listener never holds up the thread that captured an error.
 *
 * <p>When the queue is full, the notification is dropped and counted; a warning names the count,
 * at most once a minute. {@link #close(Duration)} delivers what is queued within a bound and
 * counts the rest as dropped.
 *
 * <p>Thread-safe.
 */
public final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger("fr.pareto.errors.ErrorTracker");
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String trackerName;
    private final List<ErrorListener> listeners;
    private final BlockingQueue<GroupStore.Outcome> queue;
    private final Duration spikeWindow;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private volatile boolean closed;

    /** Creates a notifier; its thread starts only when there is at least one listener. */
    public Notifier(String trackerName, List<ErrorListener> listeners, int capacity, Duration spikeWindow) {
        this.trackerName = trackerName;
        this.listeners = List.copyOf(listeners);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.spikeWindow = spikeWindow;
        this.worker = new Thread(this::run, "pareto-errors-notifier-" + trackerName);
        this.worker.setDaemon(true);
        if (!this.listeners.isEmpty()) {
            this.worker.start();
        }
    }

    /** Queues a notable outcome for the listeners without blocking; counts it as dropped when the queue is full or closed. */
    public void offer(GroupStore.Outcome outcome) {
        if (listeners.isEmpty()) {
            return;
        }
        if (closed || !queue.offer(outcome)) {
            long total = dropped.incrementAndGet();
            warnDropped(total);
        }
    }

    /** Returns how many notifications were dropped. */
    public long dropped() {
        return dropped.get();
    }

    /** Returns how many listener calls threw. */
    public long failures() {
        return failures.get();
    }

    /** Returns how many notifications wait in the queue. */
    public int pending() {
        return queue.size();
    }

    /**
     * Stops accepting notifications, delivers the queued ones for at most {@code timeout}, then
     * stops the thread and counts what is left as dropped. Restores the interrupt flag if the
     * calling thread is interrupted while it waits.
     */
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        if (!worker.isAlive()) {
            return;
        }
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Stops a listener that is still running past the timeout, if it responds to interrupts.
        worker.interrupt();
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.atWarn().setMessage("Error tracker {}: {} listener notifications were not delivered within the shutdown timeout of {} ms and are dropped")
                    .addArgument(trackerName).addArgument(left).addArgument(timeout.toMillis()).log();
        }
    }

    private void run() {
        CaptureGuard.enterForever();
        while (true) {
            GroupStore.Outcome outcome;
            try {
                // A short poll instead of take(), so close() need not interrupt a listener to stop the loop.
                outcome = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Only close() interrupts, once its timeout is over.
                return;
            }
            if (outcome == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            deliver(outcome);
        }
    }

    private void deliver(GroupStore.Outcome outcome) {
        for (ErrorListener listener : listeners) {
            try {
                if (outcome.isNew()) {
                    listener.onNewGroup(outcome.group());
                }
                if (outcome.regressionQuietFor() != null) {
                    listener.onRegression(outcome.group(), outcome.regressionQuietFor());
                }
                if (outcome.spikeCount() > 0) {
                    listener.onSpike(outcome.group(), outcome.spikeCount(), spikeWindow);
                }
            } catch (Throwable e) {
                // Isolated: one failing listener neither stops the others nor this thread.
                long total = failures.incrementAndGet();
                LOG.atWarn().setMessage("Error tracker {}: listener {} failed on group {} ({} listener failures so far)")
                        .addArgument(trackerName).addArgument(listener.getClass().getName())
                        .addArgument(outcome.group().fingerprint()).addArgument(total).setCause(e).log();
            }
        }
    }

    private void warnDropped(long total) {
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastDropWarning.compareAndSet(last, now)) {
            LOG.atWarn().setMessage("Error tracker {}: the listener queue is full or closed; {} notifications dropped so far")
                    .addArgument(trackerName).addArgument(total).log();
        }
    }
}
