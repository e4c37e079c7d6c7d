package fr.pareto.health.internal;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one registered check: caches its result for a time-to-live, shares one run in flight
 * between concurrent callers, bounds each run by a timeout and never starts a second run while
 * an earlier one has not returned. Thread-safe. Not part of the API.
 */
public final class CheckSlot {

    /** Receives a status change of this slot; called outside the slot's lock. */
    @FunctionalInterface
    public interface ChangeSink {
        /** Receives the change from {@code previous} (empty at the first result) to {@code result}. */
        void changed(String name, Optional<HealthStatus> previous, HealthResult result);
    }

    private static final Logger LOGGER = LoggerFactory.getLogger("fr.pareto.health.HealthRegistry");

    private final HealthCheck check;
    private final String name;
    private final boolean critical;
    private final Duration timeout;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();

    // All guarded by lock.
    private HealthResult cachedResult;
    private long cachedAtNanos;
    private CompletableFuture<HealthResult> inFlight;
    private int activeRuns;
    private boolean runTimedOut;
    private long runStartNanos;
    private HealthStatus lastStatus;

    /** Creates a slot; {@code ttl} zero disables caching but keeps sharing of runs in flight. */
    public CheckSlot(HealthCheck check, String name, boolean critical, Duration timeout, Duration ttl, LongSupplier nanoClock) {
        this.check = check;
        this.name = name;
        this.critical = critical;
        this.timeout = timeout;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Returns the check's name. */
    public String name() {
        return name;
    }

    /** Returns whether the check is critical. */
    public boolean critical() {
        return critical;
    }

    /** Returns the bound on one run. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the cached result while it is fresh, else the run in flight, else starts a run.
     * The returned future always completes within the timeout, provided the timer runs; it
     * never completes exceptionally.
     */
    public CompletableFuture<HealthResult> result(ExecutorService executor, ScheduledExecutorService timer, ChangeSink sink) {
        CompletableFuture<HealthResult> promise;
        long now = nanoClock.getAsLong();
        synchronized (lock) {
            if (cachedResult != null && now - cachedAtNanos < ttlNanos) {
                return CompletableFuture.completedFuture(cachedResult);
            }
            if (inFlight != null) {
                return inFlight;
            }
            promise = new CompletableFuture<>();
            inFlight = promise;
        }
        start(promise, now, executor, timer, sink);
        return promise;
    }

    private void start(CompletableFuture<HealthResult> promise, long startNanos, ExecutorService executor,
            ScheduledExecutorService timer, ChangeSink sink) {
        Instant startTime = Instant.now();
        boolean stuck;
        long previousStart;
        synchronized (lock) {
            stuck = activeRuns > 0 && runTimedOut;
            previousStart = runStartNanos;
            if (!stuck) {
                activeRuns++;
                runTimedOut = false;
                runStartNanos = startNanos;
            }
        }
        if (stuck) {
            // A run that timed out and ignored its interrupt still occupies a thread, so starting
            // another would pile up stuck threads until the executor is exhausted.
            Duration stuckFor = Duration.ofNanos(startNanos - previousStart);
            finish(promise, HealthResult.error("timed out after " + Texts.duration(timeout)
                    + "; the previous run has not returned for " + Texts.duration(stuckFor)), startNanos, startTime, sink);
            return;
        }

        // The first to set this ends the run's bookkeeping: the task when it starts, or the timer
        // when it cancels a task that never started.
        AtomicBoolean claimed = new AtomicBoolean();
        Future<?> task;
        try {
            task = executor.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return;
                }
                try {
                    finish(promise, runCheck(), startNanos, startTime, sink);
                } finally {
                    endRun();
                }
            });
        } catch (RejectedExecutionException e) {
            endRun();
            finish(promise, HealthResult.error(executor.isShutdown()
                    ? "not run: the health registry is closed"
                    : "not run: every health thread is busy; raise HealthRegistry.Builder.threads"), startNanos, startTime, sink);
            return;
        }

        try {
            ScheduledFuture<?> deadline = timer.schedule(() -> {
                if (finishByTimeout(promise, startNanos, startTime, sink)) {
                    task.cancel(true);
                    if (claimed.compareAndSet(false, true)) {
                        endRun();
                    }
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            promise.whenComplete((result, failure) -> deadline.cancel(false));
        } catch (RejectedExecutionException e) {
            task.cancel(true);
            if (claimed.compareAndSet(false, true)) {
                endRun();
            }
            finish(promise, HealthResult.error("not run: the health registry is closed"), startNanos, startTime, sink);
        }
    }

    private void endRun() {
        synchronized (lock) {
            activeRuns--;
        }
    }

    private HealthResult runCheck() {
        try {
            HealthResult result = check.check();
            return result != null ? result : HealthResult.error("the check returned no result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.error("interrupted");
        } catch (Exception e) {
            return HealthResult.error(Texts.reason(e));
        } catch (LinkageError | AssertionError | StackOverflowError e) {
            // A broken check must not take the registry down; other errors (out of memory) propagate.
            LOGGER.warn("Health check {} failed with {}", name, e.getClass().getName());
            return HealthResult.error(Texts.reason(e));
        }
    }

    private boolean finishByTimeout(CompletableFuture<HealthResult> promise, long startNanos, Instant startTime, ChangeSink sink) {
        return finish(promise, HealthResult.error("timed out after " + Texts.duration(timeout)), startNanos, startTime, sink, true);
    }

    private boolean finish(CompletableFuture<HealthResult> promise, HealthResult result, long startNanos, Instant startTime,
            ChangeSink sink) {
        return finish(promise, result, startNanos, startTime, sink, false);
    }

    /**
     * Completes the run with {@code result} unless it is already complete; caches the result and
     * reports a status change. Returns whether this call completed it.
     */
    private boolean finish(CompletableFuture<HealthResult> promise, HealthResult result, long startNanos, Instant startTime,
            ChangeSink sink, boolean timedOut) {
        long now = nanoClock.getAsLong();
        HealthResult timed = result.duration().isPresent() && result.time().isPresent()
                ? result
                : result.withTiming(result.duration().orElse(Duration.ofNanos(Math.max(0, now - startNanos))),
                        result.time().orElse(startTime));
        HealthStatus previous;
        synchronized (lock) {
            if (inFlight != promise) {
                return false;
            }
            inFlight = null;
            // Marked before the promise completes, so a caller woken by it sees the stuck run.
            runTimedOut |= timedOut;
            cachedResult = timed;
            cachedAtNanos = now;
            previous = lastStatus;
            lastStatus = timed.status();
        }
        promise.complete(timed);
        if (previous != timed.status()) {
            sink.changed(name, Optional.ofNullable(previous), timed);
        }
        return true;
    }

    /** Completes a run in flight with an error, for close. */
    public void abort(String reason) {
        CompletableFuture<HealthResult> promise;
        synchronized (lock) {
            promise = inFlight;
            inFlight = null;
        }
        if (promise != null) {
            promise.complete(HealthResult.error(reason));
        }
    }
}
