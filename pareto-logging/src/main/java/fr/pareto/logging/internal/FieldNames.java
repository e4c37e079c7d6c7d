package fr.pareto.logging.internal;

import fr.pareto.logging.LogFields;
import java.util.HashSet;
import java.util.Set;

/**
 * The names a JSON profile writes for the fields it owns. A {@code null} name is a field the
 * profile does not write.
 *
 * @param time event time
 * @param version constant {@code "1"}, or {@code null}
 * @param level level name
 * @param upperCaseLevel whether the level is written as {@code INFO} rather than {@code info}
 * @param levelValue Logback's numeric level, or {@code null}
 * @param message formatted message
 * @param logger logger name
 * @param thread thread name
 * @param error {@code ExceptionClass: message}
 * @param stackTrace shortened stack trace
 */
public record FieldNames(String time, String version, String level, boolean upperCaseLevel, String levelValue,
        String message, String logger, String thread, String error, String stackTrace) {

    /** Pareto's schema, shared with the Go services' zerolog output. */
    public static final FieldNames DEFAULT = new FieldNames(LogFields.TIME, null, LogFields.LEVEL, false, null,
            LogFields.MESSAGE, LogFields.LOGGER, LogFields.THREAD, LogFields.ERROR, LogFields.STACK_TRACE);

    /** The names of logstash-logback-encoder's {@code LogstashEncoder}, for ELK users. */
    public static final FieldNames LOGSTASH = new FieldNames("@timestamp", "@version", "level", true, "level_value",
            "message", "logger_name", "thread_name", LogFields.ERROR, "stack_trace");

    /** Returns every name this profile writes itself; user fields never take one of them. */
    public Set<String> reserved() {
        Set<String> names = new HashSet<>();
        for (String name : new String[] {time, version, level, levelValue, message, logger, thread, error, stackTrace}) {
            if (name != null) {
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }
}
