package fr.pareto.logging;

import ch.qos.logback.classic.spi.LoggingEvent;
import fr.pareto.logging.internal.LogbackEvents;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Event helpers of the HTTP API ({@code module=api}), the Java side of the Go services'
 * {@code LogAPIRequest}. The request-logging filters of {@code fr.pareto.logging.servlet} and
 * {@code fr.pareto.logging.httpserver} write through it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiEvents extends EventLogger {

    /** Message of {@link #requestHandled(String, String, int, Duration)}. */
    public static final String REQUEST_HANDLED = "request handled";

    private static final String FQCN = ApiEvents.class.getName();

    private ApiEvents(Logger logger) {
        super(logger, "api");
    }

    /**
     * Creates helpers writing through {@code logger}.
     *
     * @throws NullPointerException if {@code logger} is null
     */
    public static ApiEvents of(Logger logger) {
        return new ApiEvents(logger);
    }

    /**
     * Creates helpers writing through the logger named after {@code owner}.
     *
     * @throws NullPointerException if {@code owner} is null
     */
    public static ApiEvents of(Class<?> owner) {
        return new ApiEvents(loggerFor(owner));
    }

    /**
     * Logs {@value #REQUEST_HANDLED} at INFO with {@code module=api}, {@code method}, {@code path}
     * (anything from {@code ?} on is dropped), {@code status} and {@code duration_ms} (a number
     * with microsecond precision, such as {@code 12.345}). Null arguments are written as JSON null.
     * Allocates nothing when INFO is off for the logger.
     */
    public void requestHandled(String method, String path, int status, Duration duration) {
        if (!logger().isInfoEnabled()) {
            return;
        }
        String pathOnly = withoutQuery(path);
        Double durationMs = duration == null ? null : millis(duration);
        if (logger() instanceof ch.qos.logback.classic.Logger logback) {
            LoggingEvent event = LogbackEvents.newEvent(logback, FQCN, ch.qos.logback.classic.Level.INFO,
                    REQUEST_HANDLED, null);
            if (event != null) {
                event.addKeyValuePair(new KeyValuePair(LogFields.MODULE, module()));
                event.addKeyValuePair(new KeyValuePair("method", method));
                event.addKeyValuePair(new KeyValuePair("path", pathOnly));
                event.addKeyValuePair(new KeyValuePair("status", status));
                event.addKeyValuePair(new KeyValuePair(LogFields.DURATION_MS, durationMs));
                logback.callAppenders(event);
            }
            return;
        }
        event(Level.INFO)
                .addKeyValue("method", method)
                .addKeyValue("path", pathOnly)
                .addKeyValue("status", status)
                .addKeyValue(LogFields.DURATION_MS, durationMs)
                .log(REQUEST_HANDLED);
    }

    private static String withoutQuery(String path) {
        if (path == null) {
            return null;
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Converts to milliseconds rounded to the microsecond; saturates for durations over about 292 years. */
    private static double millis(Duration duration) {
        long micros;
        try {
            micros = Math.round(duration.toNanos() / 1_000.0);
        } catch (ArithmeticException tooLong) {
            return duration.getSeconds() * 1_000.0;
        }
        return micros / 1_000.0;
    }
}
