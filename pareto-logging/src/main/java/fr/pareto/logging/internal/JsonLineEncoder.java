package fr.pareto.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.decorate.JsonFactoryDecorator;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;

/**
 * Encodes events as single JSON lines no longer than a maximum, through logstash-logback-encoder's
 * composite encoder with {@link EventJsonProvider} and {@link SafeJsonGenerator}.
 *
 * <p>A line over the maximum is encoded again with its longest strings cut (each ends with a
 * {@code ...[truncated N chars]} marker), so it keeps every field. If that is still not enough, or
 * if encoding fails, a minimal line with time, level, logger, thread, the start of the message and
 * an {@code encoding_error} field is written instead: an event is never dropped. Thread-safe once
 * started.
 */
public final class JsonLineEncoder {

    /** Field written on the minimal line that replaces an event that could not be encoded. */
    public static final String ENCODING_ERROR = "encoding_error";

    private static final int FALLBACK_MESSAGE_CHARS = 1024;
    private static final int MAX_CUT_ATTEMPTS = 3;
    private static final int LINE_BUFFER_BYTES = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final Context context;
    private final EventJsonProvider provider;
    private volatile LoggingEventCompositeJsonEncoder inner;
    private volatile boolean rebuildNeeded;
    private final ThreadLocal<EncodeState> states = ThreadLocal.withInitial(EncodeState::new);
    private final JsonFactory fallbackFactory = writeRawUtf8(new JsonFactory());
    private final FieldNames names;
    private final Set<String> reserved;
    private final Set<String> reservedWithoutThrowable;
    private final TimeFormat timeFormat;
    private final SecretMasker masker;
    private final int maxLineBytes;
    /** Escaped long strings, made with the composite encoder's factory when that encoder starts. */
    private volatile EscapedTextCache longTexts;

    /**
     * Creates and starts an encoder.
     *
     * @param maxLineBytes maximum bytes of a line including its newline; at least 1024
     */
    public JsonLineEncoder(Context context, FieldNames names, TimeFormat timeFormat, SecretMasker masker,
            int maxLineBytes, ShortenedThrowableConverter stackTraces) {
        this.names = names;
        this.reserved = names.reserved();
        // Without a throwable the event writes no error or stack_trace of its own, so a key-value
        // pair named error (as the Go services' zerolog writes it) keeps its name.
        Set<String> withoutThrowable = new java.util.HashSet<>(reserved);
        withoutThrowable.remove(names.error());
        withoutThrowable.remove(names.stackTrace());
        this.reservedWithoutThrowable = Set.copyOf(withoutThrowable);
        this.timeFormat = timeFormat;
        this.masker = masker;
        this.maxLineBytes = maxLineBytes;

        this.context = context;
        this.provider = new EventJsonProvider(names, timeFormat, stackTraces);
        this.inner = newInner();
    }

    private LoggingEventCompositeJsonEncoder newInner() {
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        JsonProviders<ILoggingEvent> providers = new JsonProviders<>();
        providers.addProvider(provider);
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.setLineSeparator("UNIX");
        encoder.setFindAndRegisterJacksonModules(false);
        // Each encoding thread keeps one buffer of this size. logstash-logback-encoder's default of
        // 1 KiB makes a line with a stack trace (4 to 16 KiB) allocate and chain new chunks every time.
        encoder.setMinBufferSize(LINE_BUFFER_BYTES);
        encoder.setJsonFactoryDecorator(new JsonFactoryDecorator() {
            @Override
            public JsonFactory decorate(JsonFactory factory) {
                JsonFactory decorated = writeRawUtf8(factory);
                // The cache escapes with the very factory of the line's generators, so its bytes match theirs.
                longTexts = new EscapedTextCache(decorated);
                return decorated;
            }
        });
        encoder.setJsonGeneratorDecorator(generator -> new SafeJsonGenerator(generator, masker, states, longTexts));
        encoder.start();
        return encoder;
    }

    /**
     * Returns the composite encoder, first replacing it when an {@link Error} escaped it: its
     * pooled generators may then hold partial output, which must not start another line.
     */
    private LoggingEventCompositeJsonEncoder currentEncoder() {
        if (rebuildNeeded) {
            rebuildNeeded = false;
            inner = newInner();
        }
        return inner;
    }

    /**
     * Makes Jackson write characters outside the Basic Multilingual Plane, such as emoji, as
     * 4-byte UTF-8 rather than as a pair of {@code \\u} escapes.
     */
    @SuppressWarnings("deprecation")
    private static JsonFactory writeRawUtf8(JsonFactory factory) {
        return factory.configure(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8, true)
                .configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, false);
    }

    /**
     * Returns the event as one UTF-8 JSON line ending in {@code \n}. Runtime exceptions and stack
     * overflows while encoding give the minimal line instead; other errors propagate.
     */
    public byte[] encode(ILoggingEvent event) {
        EncodeState state = states.get();
        if (state.inUse) {
            // Encoding this event logged another one on the same thread: give it a state of its own.
            states.remove();
            try {
                return encode(event);
            } finally {
                states.set(state);
            }
        }
        state.inUse = true;
        try {
            return encodeWithinLimit(event, state);
        } catch (RuntimeException e) {
            return fallbackLine(event, Values.summary(e));
        } catch (StackOverflowError e) {
            rebuildNeeded = true;
            return fallbackLine(event, Values.summary(e));
        } catch (Error e) {
            rebuildNeeded = true;
            throw e;
        } finally {
            state.end();
            state.inUse = false;
        }
    }

    private byte[] encodeWithinLimit(ILoggingEvent event, EncodeState state) {
        LoggingEventCompositeJsonEncoder current = currentEncoder();
        Set<String> reservedNames = event.getThrowableProxy() == null ? reservedWithoutThrowable : reserved;
        state.begin(reservedNames, EncodeState.NO_CAP);
        byte[] line = current.encode(event);
        if (line.length == 0) {
            return fallbackLine(event, "the JSON encoder wrote nothing; see Logback's status messages");
        }
        if (line.length <= maxLineBytes) {
            return line;
        }

        // Field names and the markers' own escaping are not counted exactly, so a first cut can
        // fall a little short: halve the cap up to twice more before giving up.
        int cap = state.capFor(line.length - maxLineBytes, SafeJsonGenerator.MARKER_RESERVE);
        for (int attempt = 0; attempt < MAX_CUT_ATTEMPTS && cap != EncodeState.NO_CAP; attempt++) {
            state.begin(reservedNames, cap);
            line = current.encode(event);
            if (line.length > 0 && line.length <= maxLineBytes) {
                return line;
            }
            cap = cap == 0 ? EncodeState.NO_CAP : cap / 2;
        }
        return fallbackLine(event, "line of " + line.length + " bytes exceeds the maximum of " + maxLineBytes
                + " bytes even with long strings cut");
    }

    /** Writes the minimal line that replaces an event that could not be encoded. */
    private byte[] fallbackLine(ILoggingEvent event, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(FALLBACK_MESSAGE_CHARS + 512);
        try (JsonGenerator generator = fallbackFactory.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName(names.time());
            timeFormat.write(generator, event.getTimeStamp());
            generator.writeStringField(names.level(), names.upperCaseLevel()
                    ? event.getLevel().levelStr : event.getLevel().levelStr.toLowerCase(java.util.Locale.ROOT));
            generator.writeStringField(names.message(), fallbackText(safeMessage(event), FALLBACK_MESSAGE_CHARS));
            generator.writeStringField(names.logger(), fallbackText(orNull(event::getLoggerName), 256));
            generator.writeStringField(names.thread(), fallbackText(orNull(event::getThreadName), 256));
            generator.writeStringField(ENCODING_ERROR, fallbackText(reason, 512));
            generator.writeEndObject();
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static String safeMessage(ILoggingEvent event) {
        String formatted = orNull(event::getFormattedMessage);
        return formatted != null ? formatted : orNull(event::getMessage);
    }

    /** Returns what {@code getter} returns, or null when it throws: the fallback line must not fail too. */
    private static String orNull(java.util.function.Supplier<String> getter) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String fallbackText(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String clean = masker.maskText(SafeJsonGenerator.repairSurrogates(text));
        if (clean.length() <= maxChars) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return clean.substring(0, end) + "...[truncated " + (clean.length() - end) + " chars]";
    }

    /** Stops the underlying encoder. */
    public void stop() {
        inner.stop();
    }

}
