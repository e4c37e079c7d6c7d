package fr.pareto.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.SingleFieldAppendingMarker;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Writes a whole event in one pass: the profile's own fields, then the user's fields (SLF4J key-value
 * pairs, logstash structured arguments and markers, then MDC), then the throwable.
 *
 * <p>User fields that collide are renamed by {@link SafeJsonGenerator}: key-value pairs, arguments
 * and markers under {@value #FIELDS_PREFIX}{@code name}, MDC entries under
 * {@value #MDC_PREFIX}{@code name}. Thread-safe once started.
 */
public final class EventJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    /** Prefix of a renamed key-value pair, structured argument or marker field. */
    public static final String FIELDS_PREFIX = "fields.";
    /** Prefix of a renamed MDC entry. */
    public static final String MDC_PREFIX = "mdc.";

    private static final int MAX_MARKER_DEPTH = 8;

    private final FieldNames names;
    private final TimeFormat timeFormat;
    private final ShortenedThrowableConverter stackTraces;

    public EventJsonProvider(FieldNames names, TimeFormat timeFormat, ShortenedThrowableConverter stackTraces) {
        this.names = names;
        this.timeFormat = timeFormat;
        this.stackTraces = stackTraces;
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        try {
            writeEvent((SafeJsonGenerator) generator, event);
        } catch (StackOverflowError e) {
            // logstash-logback-encoder discards a pooled generator only after a RuntimeException or
            // IOException. After an Error it would reuse it with this event's partial output inside.
            throw new IllegalStateException("stack overflow while writing the event", e);
        }
    }

    private void writeEvent(SafeJsonGenerator safe, ILoggingEvent event) throws IOException {
        JsonGenerator raw = safe.getDelegate();

        raw.writeFieldName(names.time());
        timeFormat.write(raw, event.getTimeStamp());
        if (names.version() != null) {
            raw.writeStringField(names.version(), "1");
        }
        raw.writeStringField(names.level(), levelName(event.getLevel()));
        safe.writeOwnField(names.message(), event.getFormattedMessage());
        safe.writeOwnField(names.logger(), event.getLoggerName());
        safe.writeOwnField(names.thread(), event.getThreadName());
        if (names.levelValue() != null) {
            raw.writeNumberField(names.levelValue(), event.getLevel().toInt());
        }

        safe.collisionPrefix(FIELDS_PREFIX);
        writeKeyValuePairs(safe, event.getKeyValuePairs());
        writeArguments(safe, event.getArgumentArray());
        writeMarkers(safe, event.getMarkerList());
        safe.collisionPrefix(MDC_PREFIX);
        writeMdc(safe, event.getMDCPropertyMap());
        safe.collisionPrefix(null);

        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            safe.writeOwnField(names.error(), Values.summary(throwable));
            safe.writeOwnField(names.stackTrace(), stackTraces.convert(event));
        }
    }

    private String levelName(Level level) {
        if (names.upperCaseLevel()) {
            return level.levelStr;
        }
        return switch (level.toInt()) {
            case Level.TRACE_INT -> "trace";
            case Level.DEBUG_INT -> "debug";
            case Level.INFO_INT -> "info";
            case Level.WARN_INT -> "warn";
            case Level.ERROR_INT -> "error";
            default -> level.levelStr.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void writeKeyValuePairs(SafeJsonGenerator generator, List<KeyValuePair> pairs) throws IOException {
        if (pairs == null) {
            return;
        }
        for (int i = 0, n = pairs.size(); i < n; i++) {
            KeyValuePair pair = pairs.get(i);
            generator.writeFieldName(String.valueOf(pair.key));
            Values.write(generator, pair.value);
        }
    }

    /** Writes logstash {@code StructuredArguments} such as {@code kv("retailer", name)} as fields. */
    private static void writeArguments(SafeJsonGenerator generator, Object[] arguments) throws IOException {
        if (arguments == null) {
            return;
        }
        for (Object argument : arguments) {
            if (argument instanceof SingleFieldAppendingMarker field) {
                writeSingleField(generator, field);
            } else if (argument instanceof StructuredArgument structured) {
                structured.writeTo(generator);
            }
        }
    }

    private static void writeMarkers(SafeJsonGenerator generator, List<Marker> markers) throws IOException {
        if (markers == null) {
            return;
        }
        for (Marker marker : markers) {
            writeMarker(generator, marker, 0);
        }
    }

    private static void writeMarker(SafeJsonGenerator generator, Marker marker, int depth) throws IOException {
        if (depth > MAX_MARKER_DEPTH) {
            return;
        }
        if (marker instanceof SingleFieldAppendingMarker field) {
            writeSingleField(generator, field);
        } else if (marker instanceof LogstashMarker logstash) {
            logstash.writeTo(generator);
        }
        if (marker.hasReferences()) {
            for (Iterator<Marker> references = marker.iterator(); references.hasNext(); ) {
                writeMarker(generator, references.next(), depth + 1);
            }
        }
    }

    /** Lets the generator claim the announced name first, so a collision renames it. */
    private static void writeSingleField(SafeJsonGenerator generator, SingleFieldAppendingMarker field)
            throws IOException {
        generator.renameNextField(generator.claimTopLevel(field.getFieldName()));
        field.writeTo(generator);
    }

    private static void writeMdc(SafeJsonGenerator generator, Map<String, String> mdc) throws IOException {
        if (mdc == null || mdc.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            generator.writeFieldName(entry.getKey());
            generator.writeString(entry.getValue());
        }
    }
}
