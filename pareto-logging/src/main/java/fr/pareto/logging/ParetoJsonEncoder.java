package fr.pareto.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import fr.pareto.logging.internal.FieldNames;
import fr.pareto.logging.internal.JsonLineEncoder;
import fr.pareto.logging.internal.MaskSettings;
import fr.pareto.logging.internal.TimeFormat;
import java.util.Locale;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;

/**
 * Logback encoder that writes each event as one JSON object per line in Pareto's schema.
 *
 * <p>Fields, in order: {@code time}, {@code level} (lower case), {@code message}, {@code logger},
 * {@code thread}, then SLF4J key-value pairs, logstash {@code StructuredArguments} and markers,
 * then MDC entries, all at the top level, then {@code error} ({@code ExceptionClass: message}) and
 * {@code stack_trace} when the event has a throwable. Names come from {@link LogFields}.
 *
 * <p>Guarantees, whatever the input:
 * <ul>
 *   <li>One line per event, UTF-8, non-ASCII written as raw UTF-8 rather than escapes, control
 *       characters escaped, unpaired surrogates replaced by U+FFFD.
 *   <li>No key twice: a key-value pair, argument or marker whose name is reserved or already
 *       written is renamed {@code fields.<name>}; such an MDC entry is renamed {@code mdc.<name>};
 *       a name still taken gets {@code _2}, {@code _3}, ... appended.
 *   <li>{@code NaN} and infinities are written as the strings {@code "NaN"}, {@code "Infinity"} and
 *       {@code "-Infinity"}; a throwable as a field value is written as its summary string.
 *   <li>Secrets masked as {@code ***}: the whole value of any field (at any depth) named like a
 *       secret, and in every string the value after such a name and {@code =} or {@code :}, and the
 *       password in {@code scheme://user:password@host}. Secret words: password, passwd, token,
 *       secret, apikey, authorization, cookie, signature, credential, privatekey, matched inside
 *       the name ignoring case and {@code _ - .}; add more with {@link #addMaskedName(String)}.
 *   <li>A line is at most {@link #setMaxLineBytes(int) maxLineBytes}. A longer one is written again
 *       with its longest strings cut, each ending with {@code ...[truncated N chars]}; if even
 *       that fails, or encoding throws, a minimal line with time, level, message start, logger,
 *       thread and {@code encoding_error} is written. No event is dropped and no exception
 *       reaches the caller.
 * </ul>
 *
 * <p>Configure it in {@code logback.xml} through the setters below, before {@link #start()};
 * setters called after start throw {@link IllegalStateException}. Thread-safe once started.
 */
public class ParetoJsonEncoder extends EncoderBase<ILoggingEvent> {

    /** Default of {@link #setMaxLineBytes(int)}: 16 KiB, past which Docker 1.13 and later split a log line. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024;
    /** Smallest accepted {@link #setMaxLineBytes(int)}. */
    public static final int MIN_MAX_LINE_BYTES = 1024;
    /** Largest accepted {@link #setMaxLineBytes(int)}: 16 MiB. */
    public static final int MAX_MAX_LINE_BYTES = 16 * 1024 * 1024;
    /** Default of {@link #setMaxStackTraceChars(int)}. */
    public static final int DEFAULT_MAX_STACK_TRACE_CHARS = 8 * 1024;
    /** Default of {@link #setMaxStackTraceDepth(int)}. */
    public static final int DEFAULT_MAX_STACK_TRACE_DEPTH = 64;

    private static final byte[] NO_BYTES = new byte[0];
    private static final int SHORTENED_CLASS_NAME_LENGTH = 40;

    private FieldNames profile = FieldNames.DEFAULT;
    private TimeFormat timeFormat = TimeFormat.RFC3339;
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private int maxStackTraceChars = DEFAULT_MAX_STACK_TRACE_CHARS;
    private int maxStackTraceDepth = DEFAULT_MAX_STACK_TRACE_DEPTH;
    private final MaskSettings masking = new MaskSettings();
    private volatile JsonLineEncoder encoder;

    /** Creates an encoder with the defaults; configure it, then {@link #start()} it. */
    public ParetoJsonEncoder() {
    }

    /**
     * Selects the field names: {@code default} (Pareto's schema) or {@code logstash}
     * ({@code @timestamp}, {@code @version}, {@code level} upper case, {@code level_value},
     * {@code logger_name}, {@code thread_name}, as logstash-logback-encoder's {@code LogstashEncoder}).
     * Case is ignored. Default: {@code default}.
     *
     * @throws IllegalArgumentException for any other value, naming it
     */
    public void setProfile(String profile) {
        checkNotStarted();
        this.profile = switch (profile.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> FieldNames.DEFAULT;
            case "logstash" -> FieldNames.LOGSTASH;
            default -> throw new IllegalArgumentException(
                    "Invalid profile '" + profile + "': use default or logstash");
        };
    }

    /**
     * Selects the time format: {@code rfc3339} ({@code "2026-12-04T19:23:07.123Z"}, UTC, a string),
     * {@code unix_seconds} (whole seconds, a number, as zerolog's {@code TimeFormatUnix}) or
     * {@code unix_millis} (a number). Case is ignored. Default: {@code rfc3339}.
     *
     * @throws IllegalArgumentException for any other value, naming it
     */
    public void setTimeFormat(String timeFormat) {
        checkNotStarted();
        this.timeFormat = TimeFormat.parse(timeFormat);
    }

    /**
     * Sets the maximum length of a line in bytes, newline included. Default
     * {@value #DEFAULT_MAX_LINE_BYTES}, the size past which Docker 1.13 and later split a line into
     * parts that no longer parse as JSON. Range {@value #MIN_MAX_LINE_BYTES} to 16 MiB.
     *
     * @throws IllegalArgumentException outside the range
     */
    public void setMaxLineBytes(int maxLineBytes) {
        checkNotStarted();
        if (maxLineBytes < MIN_MAX_LINE_BYTES || maxLineBytes > MAX_MAX_LINE_BYTES) {
            throw new IllegalArgumentException("Invalid maxLineBytes " + maxLineBytes
                    + ": use " + MIN_MAX_LINE_BYTES + " to " + MAX_MAX_LINE_BYTES);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Sets the maximum length of {@code stack_trace} in characters, before the line limit applies.
     * Default {@value #DEFAULT_MAX_STACK_TRACE_CHARS}; range 256 to 1,048,576.
     *
     * @throws IllegalArgumentException outside the range
     */
    public void setMaxStackTraceChars(int maxStackTraceChars) {
        checkNotStarted();
        if (maxStackTraceChars < 256 || maxStackTraceChars > 1024 * 1024) {
            throw new IllegalArgumentException("Invalid maxStackTraceChars " + maxStackTraceChars
                    + ": use 256 to 1048576");
        }
        this.maxStackTraceChars = maxStackTraceChars;
    }

    /**
     * Sets how many frames of each throwable in the chain (cause, suppressed) are written. Default
     * {@value #DEFAULT_MAX_STACK_TRACE_DEPTH}; range 1 to 10,000. Common frames shared with the
     * enclosing throwable are omitted and package names are abbreviated to keep the trace short.
     *
     * @throws IllegalArgumentException outside the range
     */
    public void setMaxStackTraceDepth(int maxStackTraceDepth) {
        checkNotStarted();
        if (maxStackTraceDepth < 1 || maxStackTraceDepth > 10_000) {
            throw new IllegalArgumentException("Invalid maxStackTraceDepth " + maxStackTraceDepth
                    + ": use 1 to 10000");
        }
        this.maxStackTraceDepth = maxStackTraceDepth;
    }

    /**
     * Adds a name masked like the built-in secret words (repeat {@code <maskedName>} in XML).
     *
     * @throws IllegalArgumentException if it has no letter or digit
     */
    public void addMaskedName(String name) {
        checkNotStarted();
        masking.addName(name);
    }

    /** Adds every name of a comma-separated list, as {@link #addMaskedName(String)}. */
    public void setMaskedNames(String commaSeparated) {
        checkNotStarted();
        masking.addNames(commaSeparated);
    }

    /**
     * Adds a regular expression masked in every string (only group 1 when the pattern has a
     * group). Each pattern costs a regex scan of every string, unlike name masking.
     *
     * @throws IllegalArgumentException if it does not compile
     */
    public void addMaskPattern(String regex) {
        checkNotStarted();
        masking.addPattern(regex);
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        ShortenedThrowableConverter stackTraces = new ShortenedThrowableConverter();
        stackTraces.setContext(getContext());
        stackTraces.setMaxLength(maxStackTraceChars);
        stackTraces.setMaxDepthPerThrowable(maxStackTraceDepth);
        stackTraces.setShortenedClassNameLength(SHORTENED_CLASS_NAME_LENGTH);
        stackTraces.setLineSeparator("UNIX");
        stackTraces.setOmitCommonFrames(true);
        stackTraces.start();
        encoder = new JsonLineEncoder(getContext(), profile, timeFormat, masking.toMasker(), maxLineBytes,
                stackTraces);
        super.start();
    }

    @Override
    public void stop() {
        JsonLineEncoder current = encoder;
        if (current != null) {
            current.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    /**
     * Returns the event as one JSON line ending in {@code \n}. An event whose encoding throws a
     * runtime exception becomes a minimal line with an {@code encoding_error} field.
     *
     * @throws IllegalStateException if the encoder is not started
     */
    @Override
    public byte[] encode(ILoggingEvent event) {
        JsonLineEncoder current = encoder;
        if (current == null) {
            throw new IllegalStateException("ParetoJsonEncoder is not started: call start() first");
        }
        return current.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }

    private void checkNotStarted() {
        if (isStarted()) {
            throw new IllegalStateException("ParetoJsonEncoder is already started: configure it before start()");
        }
    }
}
