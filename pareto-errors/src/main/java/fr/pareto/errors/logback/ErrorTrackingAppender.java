package fr.pareto.errors.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.internal.CaptureGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender that captures the exception of every event at ERROR, so that
 * {@code log.error("payment failed", e)} reaches the error tracker without a separate call.
 * The context contains the logger name and the log message.
 *
 * <p>The same exception logged and also captured explicitly, or by a recovery filter, is
 * recorded once: the tracker deduplicates by identity. The tracker's own events and warnings
 * are never captured. Events that carry no throwable, or a throwable that was serialized (from
 * a socket appender, for example), are skipped.
 *
 * <p>In {@code logback.xml}, the appender finds the tracker by name when an event arrives, so the
 * tracker may be built after Logback starts; events that arrive while no tracker of that name is
 * open are counted in {@link #skippedWithoutTracker()}:
 *
 * <pre>{@code
 * <appender name="ERRORS" class="fr.pareto.errors.logback.ErrorTrackingAppender">
 *   <tracker>default</tracker>
 * </appender>
 * <root level="INFO"><appender-ref ref="ERRORS"/></root>
 * }</pre>
 *
 * <p>Thread-safe. This class needs Logback Classic on the class path.
 */
public final class ErrorTrackingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final String OWN_LOGGERS = "fr.pareto.errors.";

    private volatile ErrorTracker tracker;
    private volatile String trackerName = "default";
    private final AtomicLong skippedWithoutTracker = new AtomicLong();

    /** Creates an appender that finds the tracker named {@code default}, or the name set by {@link #setTracker(String)}. */
    public ErrorTrackingAppender() {
    }

    /**
     * Creates an appender bound to one tracker.
     *
     * @throws NullPointerException if tracker is null
     */
    public ErrorTrackingAppender(ErrorTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /**
     * Creates, starts and adds an appender bound to the tracker to the root logger of the SLF4J
     * logger context, and returns it; stop it with {@code appender.stop()} and detach it from the
     * root logger to undo.
     *
     * @throws IllegalStateException if SLF4J is not bound to Logback Classic
     */
    public static ErrorTrackingAppender attachToRoot(ErrorTracker tracker) {
        Objects.requireNonNull(tracker, "tracker");
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
                    + ", not Logback Classic; add ch.qos.logback:logback-classic or capture exceptions explicitly");
        }
        ErrorTrackingAppender appender = new ErrorTrackingAppender(tracker);
        appender.setContext(context);
        appender.setName("pareto-errors-" + tracker.name());
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    /** Sets the name of the tracker to find, as given to {@link ErrorTracker.Builder#name(String)}. Default: {@code default}. */
    public void setTracker(String name) {
        Objects.requireNonNull(name, "tracker");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Error tracker name must not be blank; leave <tracker> out for \"default\"");
        }
        this.trackerName = name;
    }

    /** Returns how many events with an exception arrived while no tracker of the configured name was open. */
    public long skippedWithoutTracker() {
        return skippedWithoutTracker.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR) || CaptureGuard.isActive()
                || event.getLoggerName().startsWith(OWN_LOGGERS)) {
            return;
        }
        IThrowableProxy proxy = event.getThrowableProxy();
        if (!(proxy instanceof ThrowableProxy throwableProxy)) {
            return;
        }
        ErrorTracker target = tracker != null ? tracker : ErrorTracker.named(trackerName).orElse(null);
        if (target == null) {
            skippedWithoutTracker.incrementAndGet();
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("logger", event.getLoggerName());
        values.put("log_message", String.valueOf(event.getFormattedMessage()));
        target.capture(throwableProxy.getThrowable(), ErrorContext.of(values));
    }
}
