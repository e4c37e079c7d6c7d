package fr.pareto.alerting.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertMarkers;
import fr.pareto.alerting.AlertSink;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.internal.SecretText;
import fr.pareto.alerting.internal.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Logback appender that turns log events at or above a threshold (ERROR by default) into
 * alerts, at most a few per period, with one summary of what it held back.
 *
 * <pre>{@code
 * <appender name="ALERTS" class="fr.pareto.alerting.logback.AlertAppender">
 *   <threshold>ERROR</threshold>
 *   <maxAlertsPerPeriod>5</maxAlertsPerPeriod>
 *   <period>1 minute</period>
 *   <source>api</source>
 * </appender>
 * }</pre>
 *
 * <p>Alerts go to the sink given to {@link #setSink(AlertSink)} or, for an appender configured
 * in {@code logback.xml}, to the sink the application connects at start-up with
 * {@link #connect(AlertSink)}. Events that arrive before any sink is connected are counted and
 * reported in the next summary.
 *
 * <p>Never alerts on the library's own events: events of loggers under
 * {@code fr.pareto.alerting} and events with the marker {@link AlertMarkers#NO_ALERT} are
 * skipped, and an event logged while this appender is handing an alert over (by the sink,
 * on the same thread) is ignored, so it cannot recurse. Problems of the appender itself go to
 * Logback's status messages. When an event cannot be turned into its alert, the failure is also
 * logged through the library's own logger, and a plain alert naming the event's logger is sent.
 *
 * <p>Each alert has the event's message as title (first non-blank line, or
 * {@code ERROR log event from <logger>} when there is none) and description (in full, with
 * the stack trace), the logger and thread as fields, and the level as severity: ERROR gives
 * {@link Severity#ERROR}, WARN {@link Severity#WARNING}, lower levels {@link Severity#INFO}.
 * Events with the same logger, message pattern and exception class share a deduplication key.
 * Every text copied from the event is masked as the JSON log lines are: values after secret
 * names such as {@code password=} or {@code Cookie:}, {@code Bearer} and {@code Basic}
 * credentials, and the password of {@code scheme://user:password@} become {@code ***}.
 *
 * <p>Thread-safe. {@link #start()} starts one daemon thread that sends the summary when a
 * period ends; {@link #stop()} sends any pending summary and stops it.
 */
public class AlertAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final String OWN_PACKAGE = "fr.pareto.alerting";
    private static final Logger OWN_LOG = LoggerFactory.getLogger(AlertAppender.class);
    private static final int SAMPLES = 5;
    private static volatile AlertSink connected;

    private final ThreadLocal<Boolean> handingOver = ThreadLocal.withInitial(() -> false);
    private AlertSink sink;
    private Level threshold = Level.ERROR;
    private int maxAlertsPerPeriod = 5;
    private Duration period = Duration.ofMinutes(1);
    private String source;

    private final Object lock = new Object();
    private long periodStartNanos = System.nanoTime();
    private int alertsThisPeriod;
    private int heldBack;
    private Instant firstHeldBack;
    private final List<String> samples = new ArrayList<>();
    private ScheduledExecutorService timer;

    /** Creates an appender that sends to the connected sink; for {@code logback.xml}. */
    public AlertAppender() {
    }

    /** Creates an appender that sends to the given sink; for programmatic configuration. */
    public AlertAppender(AlertSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Connects the sink that every {@code AlertAppender} without its own sink sends to, such as
     * the application's {@code AlertDispatcher}. Call it once at start-up; a later call
     * replaces the sink.
     */
    public static void connect(AlertSink sink) {
        connected = Objects.requireNonNull(sink, "sink");
    }

    /** Sets this appender's own sink, which takes precedence over {@link #connect(AlertSink)}. */
    public void setSink(AlertSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Sets the lowest level that raises an alert: {@code ERROR} (default), {@code WARN},
     * {@code INFO}, {@code DEBUG} or {@code TRACE}. An unknown name is reported as a Logback
     * error and the threshold stays as it was.
     */
    public void setThreshold(String level) {
        Level parsed = Level.toLevel(level, null);
        if (parsed == null) {
            addError("Invalid threshold '" + level + "': use ERROR, WARN, INFO, DEBUG or TRACE; keeping " + threshold);
            return;
        }
        this.threshold = parsed;
    }

    /**
     * Sets how many alerts one period may raise; further events are counted and reported in
     * one summary alert when the period ends. Default: 5. Values below 1 are reported as a
     * Logback error and ignored.
     */
    public void setMaxAlertsPerPeriod(int max) {
        if (max < 1) {
            addError("Invalid maxAlertsPerPeriod " + max + ": it must be at least 1; keeping " + maxAlertsPerPeriod);
            return;
        }
        this.maxAlertsPerPeriod = max;
    }

    /**
     * Sets the period of the rate limit, as Logback writes durations ({@code 30 seconds},
     * {@code 1 minute}). Default: 1 minute. Values under 1 second are reported as a Logback
     * error and ignored.
     */
    public void setPeriod(ch.qos.logback.core.util.Duration period) {
        Duration value = Duration.ofMillis(period.getMilliseconds());
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            addError("Invalid period " + period + ": it must be at least 1 second; keeping " + this.period);
            return;
        }
        this.period = value;
    }

    /** Sets the alerts' source, such as the service name. Default: the Logback context's name. */
    public void setSource(String source) {
        this.source = source;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pareto-alert-appender");
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(this::endPeriodIfDue, millis, Math.max(100, millis / 10), TimeUnit.MILLISECONDS);
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (timer != null) {
            timer.shutdownNow();
        }
        Alert summary;
        synchronized (lock) {
            summary = takeSummary();
        }
        handOver(summary);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (handingOver.get() || !event.getLevel().isGreaterOrEqual(threshold) || isOwn(event)) {
            return;
        }
        Alert summary;
        boolean allowed;
        synchronized (lock) {
            summary = rollPeriodIfDue();
            allowed = alertsThisPeriod < maxAlertsPerPeriod && sink() != null;
            if (allowed) {
                alertsThisPeriod++;
            } else {
                holdBack(event);
            }
        }
        handOver(summary);
        if (allowed) {
            handOver(buildAlert(event));
        }
    }

    /**
     * Builds the event's alert, or a plain one naming the logger when that fails, so that the
     * event still raises an alert. The failure is reported as a Logback error status and through
     * this library's own logger, whose events this appender skips.
     */
    private Alert buildAlert(ILoggingEvent event) {
        try {
            return toAlert(event);
        } catch (RuntimeException e) {
            String logger = SecretText.mask(String.valueOf(event.getLoggerName()));
            String problem = "Could not build an alert from an event at level " + event.getLevel() + " of logger " + logger
                    + "; sending a plain alert instead";
            addError(problem, e);
            OWN_LOG.error(AlertMarkers.NO_ALERT, "{}: {}", problem, e.getClass().getName());
            Alert.Builder fallback = Alert.builder(fallbackTitle(event))
                    .severity(severity(event.getLevel()))
                    .description("The event's message could not be turned into an alert (" + e.getClass().getName()
                            + "); see the application log.")
                    .timestamp(event.getInstant())
                    .field("Logger", logger);
            alertSource().ifPresent(fallback::source);
            return fallback.build();
        }
    }

    private boolean isOwn(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger != null && (logger.equals(OWN_PACKAGE) || logger.startsWith(OWN_PACKAGE + "."))) {
            return true;
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker marker : markers) {
                if (marker.contains(AlertMarkers.NO_ALERT)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Alert toAlert(ILoggingEvent event) {
        String message = event.getFormattedMessage() == null ? "" : SecretText.mask(event.getFormattedMessage());
        // strip() removes every Unicode white space (U+2003, U+3000, U+2028), which trim() keeps,
        // and Alert.builder rejects a title that isBlank() finds blank.
        String firstLine = message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
        StringBuilder description = new StringBuilder(message);
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            description.append("\n\n").append(SecretText.mask(ThrowableProxyUtil.asString(throwable)));
        }
        Alert.Builder alert = Alert.builder(firstLine.isEmpty() ? fallbackTitle(event) : Texts.cutEnd(firstLine, 200, "…"))
                .severity(severity(event.getLevel()))
                .description(description.toString())
                .timestamp(event.getInstant())
                .field("Logger", SecretText.mask(event.getLoggerName()))
                .field("Thread", SecretText.mask(String.valueOf(event.getThreadName())))
                .deduplicationKey(SecretText.mask("log|" + event.getLoggerName() + "|" + event.getMessage()
                        + (throwable == null ? "" : "|" + throwable.getClassName())));
        alertSource().ifPresent(alert::source);
        return alert.build();
    }

    /** Returns {@code ERROR log event from shop.checkout}: the title of an event without message text. */
    private static String fallbackTitle(ILoggingEvent event) {
        String logger = event.getLoggerName() == null || event.getLoggerName().isBlank()
                ? "an unnamed logger" : SecretText.mask(event.getLoggerName().strip());
        return Texts.cutEnd(event.getLevel() + " log event from " + logger, 200, "…");
    }

    private static Severity severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return Severity.ERROR;
        }
        return level.isGreaterOrEqual(Level.WARN) ? Severity.WARNING : Severity.INFO;
    }

    private void holdBack(ILoggingEvent event) {
        if (heldBack == 0) {
            firstHeldBack = event.getInstant();
        }
        heldBack++;
        if (samples.size() < SAMPLES) {
            // Mask before cutting, so a cut cannot hide the name that marks a value as secret.
            samples.add(event.getLevel() + " " + SecretText.mask(event.getLoggerName()) + ": "
                    + Texts.cutEnd(SecretText.mask(String.valueOf(event.getFormattedMessage())), 300));
        }
    }

    private void endPeriodIfDue() {
        Alert summary;
        synchronized (lock) {
            summary = rollPeriodIfDue();
        }
        handOver(summary);
    }

    /** Starts a new period if the current one has ended; returns its summary, or null. */
    private Alert rollPeriodIfDue() {
        long now = System.nanoTime();
        if (now - periodStartNanos < period.toNanos()) {
            return null;
        }
        periodStartNanos = now;
        alertsThisPeriod = 0;
        return sink() == null ? null : takeSummary();
    }

    private Alert takeSummary() {
        if (heldBack == 0) {
            return null;
        }
        StringBuilder description = new StringBuilder();
        description.append(heldBack).append(" log events at ").append(threshold).append(" or above since ")
                .append(firstHeldBack).append(" raised no alert because of the limit of ").append(maxAlertsPerPeriod)
                .append(" alerts per ").append(period).append(". The first ones:\n");
        samples.forEach(sample -> description.append("- ").append(sample).append('\n'));
        Alert.Builder summary = Alert.builder(heldBack + " more log events held back")
                .severity(Severity.ERROR)
                .description(description.toString())
                .deduplicationKey("log|held back|" + firstHeldBack);
        alertSource().ifPresent(summary::source);
        heldBack = 0;
        samples.clear();
        return summary.build();
    }

    private Optional<String> alertSource() {
        String name = source != null ? source : getContext() == null ? null : getContext().getName();
        boolean unnamed = name == null || name.isBlank() || name.equals(CoreConstants.DEFAULT_CONTEXT_NAME);
        return unnamed ? Optional.empty() : Optional.of(name);
    }

    private AlertSink sink() {
        return sink != null ? sink : connected;
    }

    /** Hands an alert to the sink outside the lock; events the sink logs on this thread are ignored. */
    private void handOver(Alert alert) {
        AlertSink target = sink();
        if (alert == null || target == null) {
            return;
        }
        handingOver.set(true);
        try {
            target.send(alert);
        } catch (RuntimeException e) {
            addError("Alert sink " + target.getClass().getName() + " threw while accepting an alert", e);
        } finally {
            handingOver.set(false);
        }
    }
}
