package fr.pareto.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asynchronous appender that loses no event by default: when its bounded queue is full, the
 * logging thread waits for room instead of dropping the event. Logback's own
 * {@code AsyncAppender} (1.5), by contrast, silently discards TRACE, DEBUG and INFO events once its
 * queue is 80% full unless {@code discardingThreshold} is 0.
 *
 * <p>Modes:
 * <ul>
 *   <li>Default: the caller waits for room, up to {@link #setMaxBlockTime(ch.qos.logback.core.util.Duration)
 *       maxBlockTime} if set (forever otherwise); an event that still finds no room is dropped and
 *       counted.
 *   <li>{@code neverBlock=true}: the caller never waits; an event that finds the queue full is
 *       dropped and counted.
 * </ul>
 * Dropped events are reported, never silently: every {@link #setDropReportInterval(ch.qos.logback.core.util.Duration)
 * dropReportInterval} in which some were dropped, a WARN event {@code "async log queue full, events
 * dropped"} with {@code dropped_events} (count in that interval) and {@code dropped_events_total}
 * goes to the attached appenders, and a Logback warning status is added. {@link #droppedCount()}
 * gives the running total.
 *
 * <p>At JVM shutdown a hook waits, up to {@link #setMaxFlushTime(ch.qos.logback.core.util.Duration)
 * maxFlushTime}, for the queue to drain, without stopping the appender, so events logged by other
 * shutdown hooks still go out. {@link #stop()} drains the same way, then stops the worker. The
 * worker is a daemon thread named {@code pareto-log-async}. Configure before {@link #start()};
 * thread-safe once started.
 */
public class ParetoAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    /** Default of {@link #setQueueSize(int)}. */
    public static final int DEFAULT_QUEUE_SIZE = 8192;
    /** Field of the drop report holding the number of events dropped since the previous report. */
    public static final String DROPPED_EVENTS = "dropped_events";
    /** Field of the drop report holding the number of events dropped since start. */
    public static final String DROPPED_EVENTS_TOTAL = "dropped_events_total";

    private static final long POLL_MILLIS = 200;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Object idleLock = new Object();
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private boolean neverBlock;
    private long maxBlockMillis = -1;
    private long maxFlushMillis = 5_000;
    private long dropReportMillis = 10_000;
    private boolean flushAtShutdown = true;
    private boolean includeCallerData;

    private BlockingQueue<ILoggingEvent> queue;
    private Thread worker;
    private Thread shutdownHook;
    private volatile boolean running;
    /** Events accepted and not yet delivered: queued, or taken by the worker and being written. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private long reportedDrops;
    private long lastReportMillis;

    /** Creates an appender with the defaults; attach an appender, configure, then {@link #start()}. */
    public ParetoAsyncAppender() {
    }

    /**
     * Sets the queue capacity in events. Default {@value #DEFAULT_QUEUE_SIZE}; range 1 to 1,048,576.
     *
     * @throws IllegalArgumentException outside the range
     */
    public void setQueueSize(int queueSize) {
        if (queueSize < 1 || queueSize > 1 << 20) {
            throw new IllegalArgumentException("Invalid queueSize " + queueSize + ": use 1 to 1048576");
        }
        this.queueSize = queueSize;
    }

    /** Returns the queue capacity in events. */
    public int getQueueSize() {
        return queueSize;
    }

    /**
     * Selects the non-blocking mode: when true, an event that finds the queue full is dropped and
     * counted at once. Default false (the caller waits).
     */
    public void setNeverBlock(boolean neverBlock) {
        this.neverBlock = neverBlock;
    }

    /**
     * Bounds how long a caller waits for room when {@code neverBlock} is false; past it the event
     * is dropped and counted. Default: no bound, the caller waits as long as needed and nothing is
     * lost. Zero behaves as {@code neverBlock=true}.
     *
     * @throws IllegalArgumentException if negative
     */
    public void setMaxBlockTime(ch.qos.logback.core.util.Duration maxBlockTime) {
        this.maxBlockMillis = nonNegativeMillis("maxBlockTime", maxBlockTime);
    }

    /**
     * Sets how long {@link #stop()} and the shutdown hook wait for the queue to drain. Default 5
     * seconds. Events still queued after that are lost, and their number is reported as a status.
     *
     * @throws IllegalArgumentException if negative
     */
    public void setMaxFlushTime(ch.qos.logback.core.util.Duration maxFlushTime) {
        this.maxFlushMillis = nonNegativeMillis("maxFlushTime", maxFlushTime);
    }

    /**
     * Sets the minimum time between two drop reports. Default 10 seconds; at least 100 ms.
     *
     * @throws IllegalArgumentException if shorter than 100 ms
     */
    public void setDropReportInterval(ch.qos.logback.core.util.Duration interval) {
        long millis = interval.getMilliseconds();
        if (millis < 100) {
            throw new IllegalArgumentException("Invalid dropReportInterval " + interval + ": use at least 100 milliseconds");
        }
        this.dropReportMillis = millis;
    }

    /** Sets whether a JVM shutdown hook drains the queue. Default true. */
    public void setFlushAtShutdown(boolean flushAtShutdown) {
        this.flushAtShutdown = flushAtShutdown;
    }

    /**
     * Sets whether the caller's class, method and line are computed before queueing, at a high cost
     * per event. Default false.
     */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    /** Returns the number of events dropped since start; always 0 in the default mode with no maxBlockTime. */
    public long droppedCount() {
        return dropped.get();
    }

    private static long nonNegativeMillis(String name, ch.qos.logback.core.util.Duration duration) {
        long millis = duration.getMilliseconds();
        if (millis < 0) {
            throw new IllegalArgumentException("Invalid " + name + " " + duration + ": use zero or more");
        }
        return millis;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addError("ParetoAsyncAppender '" + getName() + "' has no appender attached: add an <appender-ref> inside it");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        running = true;
        lastReportMillis = System.currentTimeMillis();
        worker = new Thread(this::drainLoop, "pareto-log-async");
        worker.setDaemon(true);
        worker.start();
        if (flushAtShutdown) {
            shutdownHook = new Thread(() -> awaitEmpty(maxFlushMillis), "pareto-log-flush");
            try {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                shutdownHook = null;
            }
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!running) {
            return;
        }
        event.prepareForDeferredProcessing();
        if (includeCallerData) {
            event.getCallerData();
        }
        pending.incrementAndGet();
        if (neverBlock || maxBlockMillis == 0) {
            if (!queue.offer(event)) {
                pending.decrementAndGet();
                dropped.incrementAndGet();
            }
            return;
        }
        putWaiting(event);
    }

    /** Waits for room, keeping the caller's interrupt status, up to maxBlockTime when it is set. */
    private void putWaiting(ILoggingEvent event) {
        boolean interrupted = false;
        long deadline = maxBlockMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxBlockMillis);
        try {
            while (true) {
                try {
                    long waitNanos = deadline == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)
                            : Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                    if (queue.offer(event, Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    if (!running || (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0)) {
                        pending.decrementAndGet();
                        dropped.incrementAndGet();
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainLoop() {
        while (running || !queue.isEmpty()) {
            try {
                ILoggingEvent event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (event != null) {
                    deliver(event);
                    pending.decrementAndGet();
                }
                reportDropsIfDue(false);
                if (pending.get() == 0) {
                    synchronized (idleLock) {
                        idleLock.notifyAll();
                    }
                }
            } catch (InterruptedException e) {
                // Interrupted by stop() after maxFlushTime: leave with what is left counted by stop().
                return;
            }
        }
    }

    private void deliver(ILoggingEvent event) {
        try {
            appenders.appendLoopOnAppenders(event);
        } catch (RuntimeException e) {
            addError("ParetoAsyncAppender '" + getName() + "' failed to deliver an event", e);
        }
    }

    private void reportDropsIfDue(boolean force) {
        long total = dropped.get();
        long now = System.currentTimeMillis();
        if (total == reportedDrops || (!force && now - lastReportMillis < dropReportMillis)) {
            return;
        }
        long sinceLast = total - reportedDrops;
        reportedDrops = total;
        lastReportMillis = now;
        addWarn("ParetoAsyncAppender '" + getName() + "' dropped " + sinceLast + " events because its queue of "
                + queueSize + " was full (" + total + " since start); raise queueSize or unset neverBlock");
        LoggingEvent report = new LoggingEvent(ParetoAsyncAppender.class.getName(),
                loggerContextLogger(), Level.WARN, "async log queue full, events dropped", null, null);
        report.addKeyValuePair(new org.slf4j.event.KeyValuePair(DROPPED_EVENTS, sinceLast));
        report.addKeyValuePair(new org.slf4j.event.KeyValuePair(DROPPED_EVENTS_TOTAL, total));
        report.addKeyValuePair(new org.slf4j.event.KeyValuePair("queue_size", queueSize));
        deliver(report);
    }

    private Logger loggerContextLogger() {
        return ((ch.qos.logback.classic.LoggerContext) getContext()).getLogger(ParetoAsyncAppender.class);
    }

    /** Waits until the queue is empty and the worker idle, or {@code maxMillis} passed; true when drained. */
    private boolean awaitEmpty(long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        synchronized (idleLock) {
            while (pending.get() > 0) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0 || !worker.isAlive()) {
                    return pending.get() == 0;
                }
                try {
                    idleLock.wait(Math.min(remaining, POLL_MILLIS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        boolean drained = awaitEmpty(maxFlushMillis);
        running = false;
        if (!drained) {
            worker.interrupt();
        }
        try {
            worker.join(maxFlushMillis + POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            dropped.addAndGet(left);
            pending.addAndGet(-left);
            queue.clear();
            addWarn("ParetoAsyncAppender '" + getName() + "' stopped with " + left
                    + " events still queued after waiting " + maxFlushMillis + " ms; they were not written");
        }
        if (drained) {
            reportDropsIfDue(true);
        } else if (dropped.get() > reportedDrops) {
            // The attached appenders are stuck, so a report event would hang this thread too.
            addWarn("ParetoAsyncAppender '" + getName() + "' dropped " + (dropped.get() - reportedDrops)
                    + " events since its last report (" + dropped.get() + " since start)");
        }
        removeShutdownHook();
        appenders.detachAndStopAllAppenders();
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run; nothing to remove.
            }
            shutdownHook = null;
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
