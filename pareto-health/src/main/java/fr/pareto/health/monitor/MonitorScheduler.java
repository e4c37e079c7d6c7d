package fr.pareto.health.monitor;

import fr.pareto.health.monitor.internal.SystemScheduler;

import java.time.Clock;
import java.time.Instant;

/**
 * The source of time and threads for a {@link MonitorService}: a clock, timed tasks, and a place
 * to run checks. Tests pass a scheduler whose clock they move by hand, so that days of
 * monitoring run in milliseconds.
 *
 * <p>Implementations must be thread-safe. Tasks must never run on a caller's thread from inside
 * {@link #schedule}; {@link #execute} may run its task on the calling thread, as a test scheduler
 * does, in which case a check's duration is the time the clock moved while it ran.
 */
public interface MonitorScheduler extends AutoCloseable {

    /**
     * Creates a scheduler on the system UTC clock with its own daemon threads: one for timing
     * and a pool that grows with the number of checks running at once. {@link MonitorService}
     * closes it on {@link MonitorService#close()} when it created it itself.
     */
    static MonitorScheduler system() {
        return new SystemScheduler(Clock.systemUTC());
    }

    /** Returns the clock that heartbeats, incidents and uptime ratios are measured with. */
    Clock clock();

    /**
     * Runs a task at the given time of {@link #clock()}, or as soon as possible if it has passed.
     *
     * @return a handle that cancels the task if it has not started
     */
    Cancellable schedule(Instant time, Runnable task);

    /** Runs a check, on another thread or on the calling one. */
    void execute(Runnable task);

    /** Stops the scheduler's threads, if it has any. Tasks not yet started are dropped. */
    @Override
    void close();

    /** Cancels a scheduled task. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not started; does nothing otherwise. */
        void cancel();
    }
}
