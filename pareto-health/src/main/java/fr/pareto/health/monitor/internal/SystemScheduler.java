package fr.pareto.health.monitor.internal;

import fr.pareto.health.internal.DaemonThreads;
import fr.pareto.health.monitor.MonitorScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Real-time scheduler: one daemon timer thread, and a cached pool of daemon threads for checks,
 * so a hung check occupies one thread and never delays other monitors.
 */
public final class SystemScheduler implements MonitorScheduler {

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService checks;

    /** Creates a scheduler on the given clock. */
    public SystemScheduler(Clock clock) {
        this.clock = clock;
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1, new DaemonThreads("pareto-monitor-timer"));
        timerPool.setRemoveOnCancelPolicy(true);
        this.timer = timerPool;
        this.checks = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DaemonThreads("pareto-monitor-check"));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Instant time, Runnable task) {
        long delayNanos = Math.max(0, Duration.between(clock.instant(), time).toNanos());
        ScheduledFuture<?> future = timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        checks.execute(task);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        checks.shutdownNow();
    }
}
