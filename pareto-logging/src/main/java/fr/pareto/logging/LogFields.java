package fr.pareto.logging;

import java.util.Set;

/**
 * Names of the fields in Pareto's JSON log schema.
 *
 * <p>They match the Go services' zerolog output, so one Loki query and one Grafana dashboard
 * serve both.
 */
public final class LogFields {

    /** Event time: RFC 3339 in UTC with milliseconds unless configured otherwise. */
    public static final String TIME = "time";
    /** Level in lower case: {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error}. */
    public static final String LEVEL = "level";
    /** The formatted message. */
    public static final String MESSAGE = "message";
    /** The logger name. */
    public static final String LOGGER = "logger";
    /** The thread name. */
    public static final String THREAD = "thread";
    /** {@code ExceptionClass: message} of the event's throwable. */
    public static final String ERROR = "error";
    /** The shortened, bounded stack trace of the event's throwable. */
    public static final String STACK_TRACE = "stack_trace";
    /** The subsystem that wrote the event, such as {@code api} or {@code scraper}. */
    public static final String MODULE = "module";
    /** Request duration in milliseconds, as a number. */
    public static final String DURATION_MS = "duration_ms";
    /** The request id carried from {@code X-Request-Id} or generated. */
    public static final String REQUEST_ID = "request_id";

    /**
     * Names the encoder writes itself. A key-value pair, structured argument or marker field with
     * one of these names, or a name already written, is renamed {@code fields.<name>}; such an MDC
     * entry is renamed {@code mdc.<name>}; a renamed name still taken gets {@code _2}, {@code _3},
     * ... appended. So no line contains a key twice.
     */
    public static final Set<String> RESERVED = Set.of(TIME, LEVEL, MESSAGE, LOGGER, THREAD, ERROR, STACK_TRACE);

    private LogFields() {
    }
}
