package fr.pareto.health.monitor.internal;

import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import fr.pareto.health.internal.Texts;
import fr.pareto.health.monitor.Heartbeat;
import fr.pareto.health.monitor.Incident;
import fr.pareto.health.monitor.Monitor;
import fr.pareto.health.monitor.MonitorEvent;
import fr.pareto.health.monitor.MonitorScheduler;
import fr.pareto.health.monitor.MonitorSnapshot;
import fr.pareto.health.monitor.MonitorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs one monitor: plans its checks, enforces the timeout, keeps its state and history, and
 * turns transitions into events.
 *
 * <p>Thread-safe. State is guarded by {@code this}; checks and event dispatch run outside the
 * lock, so a snapshot never waits for a check or a notifier. The next check is planned only
 * after the current one has completed and its events were dispatched, so checks of one monitor
 * never overlap and its events arrive in order.
 */
public final class MonitorRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorRunner.class);

    /** Maximum length of a heartbeat message; longer ones keep their start and end. */
    static final int MAX_MESSAGE_LENGTH = 1000;

    private final Monitor monitor;
    private final MonitorScheduler scheduler;
    private final Predicate<Instant> inMaintenance;
    private final Consumer<List<MonitorEvent>> dispatcher;
    private final History history;

    // Guarded by this.
    private MonitorStatus status = MonitorStatus.UNKNOWN;
    private int consecutiveFailures;
    private Instant incidentStart;
    private int incidentFailures;
    private String lastError = "";
    private boolean downNotified;
    private Instant lastNotified;
    private boolean paused;
    private boolean closed;
    private long generation;
    private MonitorScheduler.Cancellable nextRun;
    private Attempt running;

    /**
     * Creates a runner; nothing runs until {@link #start()}.
     *
     * @param inMaintenance whether a maintenance window covers this monitor at an instant
     * @param dispatcher    receives the events of one completed check, outside any lock
     */
    public MonitorRunner(Monitor monitor, MonitorScheduler scheduler, int historySize,
                         Predicate<Instant> inMaintenance, Consumer<List<MonitorEvent>> dispatcher) {
        this.monitor = monitor;
        this.scheduler = scheduler;
        this.inMaintenance = inMaintenance;
        this.dispatcher = dispatcher;
        this.history = new History(historySize);
        this.paused = monitor.paused();
    }

    /** Returns the monitor's configuration. */
    public Monitor monitor() {
        return monitor;
    }

    /** Plans the first check now, unless the monitor starts paused. */
    public synchronized void start() {
        if (!paused && !closed) {
            planAt(now(), generation);
        }
    }

    /** Stops planning checks; a check in flight completes but its result is discarded. */
    public synchronized void pause() {
        if (paused || closed) {
            return;
        }
        paused = true;
        generation++;
        cancelNextRun();
        LOG.info("Monitor {}: paused", monitor.name());
    }

    /** Plans a check now if the monitor was paused. */
    public synchronized void resume() {
        if (!paused || closed) {
            return;
        }
        paused = false;
        generation++;
        LOG.info("Monitor {}: resumed", monitor.name());
        planAt(now(), generation);
    }

    /** Stops the runner for good. */
    public synchronized void close() {
        closed = true;
        generation++;
        cancelNextRun();
    }

    /** Returns the monitor's state now. */
    public synchronized MonitorSnapshot snapshot() {
        Instant now = now();
        MonitorStatus shown = paused ? MonitorStatus.PAUSED
                : inMaintenance.test(now) ? MonitorStatus.MAINTENANCE : status;
        Optional<Incident> incident = incidentStart == null ? Optional.empty()
                : Optional.of(new Incident(incidentStart, Duration.between(incidentStart, now), incidentFailures,
                lastError, downNotified));
        return new MonitorSnapshot(monitor.name(), monitor.target(), monitor.interval(), shown, now,
                history.recent(), history.uptime(now, 24), history.uptime(now, History.HOURS),
                history.averageResponseTime(), history.p95ResponseTime(), incident);
    }

    private void fire(Instant planned, long plannedGeneration) {
        Attempt attempt;
        List<MonitorEvent> events;
        Instant next;
        synchronized (this) {
            if (closed || paused || plannedGeneration != generation) {
                return;
            }
            nextRun = null;
            Instant now = now();
            if (inMaintenance.test(now)) {
                enterMaintenance(now);
                planAt(nextSlot(planned, now), generation);
                return;
            }
            if (running != null && Duration.between(running.start, now).compareTo(monitor.timeout()) < 0) {
                // A check started before a pause is still within its timeout: wait for it quietly.
                planAt(nextSlot(planned, now), generation);
                return;
            }
            if (running == null) {
                attempt = new Attempt(planned, now, generation);
                running = attempt;
                attempt.timeoutTask = scheduler.schedule(now.plus(monitor.timeout()), () -> timeOut(attempt));
                events = List.of();
                next = null;
            } else {
                // The last check ignored its interruption: starting another would run two at once.
                attempt = null;
                String message = "previous check still running " + Durations.format(Duration.between(running.start, now))
                        + " after it started; no new check started";
                events = record(now, false, message, Duration.ZERO);
                next = nextSlot(planned, now);
            }
        }
        if (attempt == null) {
            dispatchThenPlan(events, next, plannedGeneration);
            return;
        }
        try {
            scheduler.execute(() -> runCheck(attempt));
        } catch (RejectedExecutionException e) {
            // Only happens once the scheduler is closed, so there is nothing left to plan.
            synchronized (this) {
                running = null;
            }
            LOG.debug("Monitor {}: check not started, the scheduler is closed", monitor.name());
        }
    }

    private void runCheck(Attempt attempt) {
        synchronized (attempt) {
            attempt.thread = Thread.currentThread();
        }
        HealthResult result;
        try {
            result = monitor.check().check();
            if (result == null) {
                result = HealthResult.error("check returned no result");
            }
        } catch (InterruptedException e) {
            result = HealthResult.error("interrupted");
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError | StackOverflowError e) {
            result = HealthResult.error(Texts.reason(e));
        }
        synchronized (attempt) {
            attempt.thread = null;
            if (attempt.interruptedByTimeout) {
                // Clear the interrupt this runner sent, so the pool thread can be reused.
                Thread.interrupted();
            }
        }
        synchronized (this) {
            if (running == attempt) {
                running = null;
            }
        }
        completeSafely(attempt, result, true);
    }

    private void timeOut(Attempt attempt) {
        synchronized (attempt) {
            if (attempt.thread != null) {
                attempt.interruptedByTimeout = true;
                attempt.thread.interrupt();
            }
        }
        completeSafely(attempt, null, false);
    }

    private void completeSafely(Attempt attempt, HealthResult result, boolean returned) {
        try {
            complete(attempt, result, returned);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Monitor {}: recording the check started at {} failed unexpectedly; planning the next one",
                    monitor.name(), attempt.start, e);
            synchronized (this) {
                if (!closed && !paused && attempt.generation == generation && nextRun == null) {
                    planAt(nextSlot(attempt.planned, now()), generation);
                }
            }
        }
    }

    private void complete(Attempt attempt, HealthResult result, boolean returned) {
        List<MonitorEvent> events;
        Instant next;
        synchronized (this) {
            if (attempt.completed) {
                return;
            }
            attempt.completed = true;
            attempt.timeoutTask.cancel();
            if (closed || attempt.generation != generation) {
                return;
            }
            Instant now = now();
            Duration took = Duration.between(attempt.start, now);
            if (!returned || took.compareTo(monitor.timeout()) > 0) {
                events = record(attempt.start, false, "timed out after " + Durations.format(monitor.timeout()),
                        returned ? took : monitor.timeout());
            } else {
                events = recordResult(attempt.start, result, took);
            }
            next = nextSlot(attempt.planned, now);
        }
        dispatchThenPlan(events, next, attempt.generation);
    }

    private List<MonitorEvent> recordResult(Instant start, HealthResult result, Duration took) {
        String message = result.message().orElse("");
        if (result.status() == HealthStatus.ERROR) {
            return record(start, false, message.isEmpty() ? "check failed" : message, took);
        }
        Optional<Duration> max = monitor.maxResponseTime();
        if (max.isPresent() && took.compareTo(max.get()) > 0) {
            String slow = "responded in " + Durations.format(took) + ", above the maximum of " + Durations.format(max.get());
            return record(start, false, slow, took);
        }
        return record(start, true, message, took);
    }

    // Applies one check's outcome to the state machine; returns the events it causes.
    private List<MonitorEvent> record(Instant time, boolean passed, String rawMessage, Duration took) {
        String message = clamp(Secrets.mask(rawMessage));
        List<MonitorEvent> events = new ArrayList<>(1);
        if (passed) {
            if (incidentStart != null && downNotified && monitor.notifyRecovery()) {
                events.add(event(MonitorEvent.Type.UP, time, message));
            }
            if (status == MonitorStatus.DOWN || downNotified) {
                LOG.info("Monitor {}: up after {} failed checks", monitor.name(), incidentFailures);
            }
            status = MonitorStatus.UP;
            consecutiveFailures = 0;
            clearIncident();
            history.add(new Heartbeat(time, MonitorStatus.UP, took, message));
            return events;
        }

        consecutiveFailures++;
        if (incidentStart == null) {
            incidentStart = time;
            incidentFailures = 0;
        }
        incidentFailures++;
        lastError = message;
        if (downNotified) {
            // Still the incident that was notified (possibly resumed after a pause or maintenance).
            status = MonitorStatus.DOWN;
            if (!monitor.renotifyEvery().isZero() && !time.isBefore(lastNotified.plus(monitor.renotifyEvery()))) {
                events.add(event(MonitorEvent.Type.STILL_DOWN, time, message));
                lastNotified = time;
            }
        } else if (consecutiveFailures >= monitor.downAfter()) {
            status = MonitorStatus.DOWN;
            downNotified = true;
            lastNotified = time;
            events.add(event(MonitorEvent.Type.DOWN, time, message));
            LOG.warn("Monitor {}: down after {} consecutive failed checks: {}", monitor.name(), consecutiveFailures, message);
        } else {
            status = MonitorStatus.PENDING;
            LOG.info("Monitor {}: check failed ({} of {} before down): {}", monitor.name(), consecutiveFailures,
                    monitor.downAfter(), message);
        }
        history.add(new Heartbeat(time, status, took, message));
        return events;
    }

    private void enterMaintenance(Instant now) {
        if (status != MonitorStatus.MAINTENANCE) {
            LOG.info("Monitor {}: in maintenance, checks and notifications suspended", monitor.name());
        }
        status = MonitorStatus.MAINTENANCE;
        consecutiveFailures = 0;
        if (!downNotified) {
            clearIncident();
        }
        history.add(new Heartbeat(now, MonitorStatus.MAINTENANCE, Duration.ZERO, ""));
    }

    private void clearIncident() {
        incidentStart = null;
        incidentFailures = 0;
        lastError = "";
        downNotified = false;
        lastNotified = null;
    }

    private MonitorEvent event(MonitorEvent.Type type, Instant time, String message) {
        return new MonitorEvent(type, monitor.name(), monitor.target(), time, message, incidentStart,
                Math.max(1, incidentFailures));
    }

    private void dispatchThenPlan(List<MonitorEvent> events, Instant next, long plannedGeneration) {
        if (!events.isEmpty()) {
            dispatcher.accept(events);
        }
        synchronized (this) {
            if (!closed && !paused && plannedGeneration == generation && nextRun == null) {
                planAt(next, generation);
            }
        }
    }

    // The first planned slot after now: fixed-rate from the planned start, so slow checks do not
    // shift the plan, and slots that passed while the check ran are skipped, not run late.
    private Instant nextSlot(Instant planned, Instant now) {
        Duration step = status == MonitorStatus.PENDING ? monitor.retryInterval() : monitor.interval();
        Instant next = planned.plus(step);
        if (next.isAfter(now)) {
            return next;
        }
        long skipped = Duration.between(next, now).toNanos() / step.toNanos() + 1;
        LOG.debug("Monitor {}: {} planned checks skipped because the last one ran past them", monitor.name(), skipped);
        return next.plus(step.multipliedBy(skipped));
    }

    private void planAt(Instant time, long plannedGeneration) {
        cancelNextRun();
        nextRun = scheduler.schedule(time, () -> fireSafely(time, plannedGeneration));
    }

    // A bug here must not end the monitor for good: log it and keep the plan going.
    private void fireSafely(Instant planned, long plannedGeneration) {
        try {
            fire(planned, plannedGeneration);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Monitor {}: planned check at {} failed unexpectedly; planning the next one", monitor.name(), planned, e);
            synchronized (this) {
                running = null;
                if (!closed && !paused && plannedGeneration == generation && nextRun == null) {
                    planAt(planned.plus(monitor.interval()), generation);
                }
            }
        }
    }

    private void cancelNextRun() {
        if (nextRun != null) {
            nextRun.cancel();
            nextRun = null;
        }
    }

    private Instant now() {
        return scheduler.clock().instant();
    }

    static String clamp(String message) {
        if (message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        // Keep both ends: wrapped exceptions put the root cause last.
        int half = (MAX_MESSAGE_LENGTH - 5) / 2;
        return message.substring(0, half) + " ... " + message.substring(message.length() - half);
    }

    /** One check: its planned slot, its actual start, and how it ended. */
    private static final class Attempt {
        final Instant planned;
        final Instant start;
        final long generation;
        MonitorScheduler.Cancellable timeoutTask;
        boolean completed;
        // Guarded by the attempt itself.
        Thread thread;
        boolean interruptedByTimeout;

        Attempt(Instant planned, Instant start, long generation) {
            this.planned = planned;
            this.start = start;
            this.generation = generation;
        }
    }
}
