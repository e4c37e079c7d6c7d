package fr.pareto.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import fr.pareto.logging.internal.EventJsonProvider;
import fr.pareto.logging.internal.MaskSettings;
import fr.pareto.logging.internal.SecretMasker;
import fr.pareto.logging.internal.Values;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Logback encoder for development: one readable line per event in the spirit of zerolog's console
 * writer, such as {@code 19:23:07.123 INF request handled module=api method=GET status=200}.
 *
 * <p>Layout: local time {@code HH:mm:ss.SSS}, a three-letter level ({@code TRC DBG INF WRN ERR}),
 * the message, key-value pairs then MDC entries as {@code key=value} (values with spaces or quotes
 * are quoted), {@code error=...}, and the stack trace on the following lines. Secrets are masked as
 * in {@link ParetoJsonEncoder}. Colours (ANSI) depend on {@link #setColor(String) color}.
 *
 * <p>Not for production: lines are not machine-readable and stack traces span several lines.
 * Configure before {@link #start()}; thread-safe once started.
 */
public class ParetoConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    /** Without a throwable, a pair named error or stack_trace collides with nothing. */
    private static final Set<String> RESERVED_WITHOUT_THROWABLE = LogFields.RESERVED.stream()
            .filter(name -> !name.equals(LogFields.ERROR) && !name.equals(LogFields.STACK_TRACE))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[90m";
    private static final String CYAN = "\u001b[36m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String MAGENTA = "\u001b[35m";
    private static final byte[] NO_BYTES = new byte[0];

    private String color = "auto";
    private final MaskSettings masking = new MaskSettings();
    private SecretMasker masker;
    private boolean colored;
    private ThrowableProxyConverter stackTraces;

    /** Creates an encoder with the defaults; configure it, then {@link #start()} it. */
    public ParetoConsoleEncoder() {
    }

    /**
     * Sets when ANSI colours are written: {@code auto} (default: only when the JVM has a terminal,
     * that is {@code System.console() != null}, so never when output is redirected or piped, and
     * never when the {@code NO_COLOR} environment variable is set), {@code always} or {@code never}.
     *
     * @throws IllegalArgumentException for any other value, naming it
     */
    public void setColor(String color) {
        String normalized = color.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "always", "never").contains(normalized)) {
            throw new IllegalArgumentException("Invalid color '" + color + "': use auto, always or never");
        }
        this.color = normalized;
    }

    /** Adds a name masked like the built-in secret words; see {@link ParetoJsonEncoder#addMaskedName(String)}. */
    public void addMaskedName(String name) {
        masking.addName(name);
    }

    /** Adds every name of a comma-separated list, as {@link #addMaskedName(String)}. */
    public void setMaskedNames(String commaSeparated) {
        masking.addNames(commaSeparated);
    }

    /** Adds a regular expression masked in every string; see {@link ParetoJsonEncoder#addMaskPattern(String)}. */
    public void addMaskPattern(String regex) {
        masking.addPattern(regex);
    }

    @Override
    public void start() {
        masker = masking.toMasker();
        colored = switch (color) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null && System.getenv("NO_COLOR") == null;
        };
        stackTraces = new ThrowableProxyConverter();
        stackTraces.setContext(getContext());
        stackTraces.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        paint(line, DIM, TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
        line.append(' ');
        paint(line, levelColor(event.getLevel()), shortLevel(event.getLevel()));
        line.append(' ').append(masker.maskText(String.valueOf(event.getFormattedMessage())));

        Set<String> written = new HashSet<>();
        Set<String> reservedNames = event.getThrowableProxy() == null ? RESERVED_WITHOUT_THROWABLE : LogFields.RESERVED;
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                appendField(line, written, reservedNames, String.valueOf(pair.key), pair.value,
                        EventJsonProvider.FIELDS_PREFIX);
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                appendField(line, written, reservedNames, entry.getKey(), entry.getValue(), EventJsonProvider.MDC_PREFIX);
            }
        }
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            line.append(' ');
            paint(line, RED, LogFields.ERROR + "=");
            paint(line, RED, quoteIfNeeded(masker.maskText(Values.summary(throwable))));
            line.append('\n').append(masker.maskText(stackTraces.convert(event)).stripTrailing());
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendField(StringBuilder line, Set<String> written, Set<String> reservedNames, String key, Object value, String prefix) {
        String name = written.contains(key) || reservedNames.contains(key) ? prefix + key : key;
        written.add(name);
        String text = masker.isSecretName(name) ? SecretMasker.MASK : masker.maskText(Values.render(value));
        // Maps, lists and beans are rendered as compact JSON, which reads best unquoted.
        boolean json = value != null && !(value instanceof CharSequence) && (text.startsWith("{") || text.startsWith("["));
        line.append(' ');
        paint(line, CYAN, name + "=");
        line.append(json ? text : quoteIfNeeded(text));
    }

    private static String quoteIfNeeded(String text) {
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = c > ' ' && c != '"' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return text;
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private void paint(StringBuilder line, String ansi, String text) {
        if (colored && ansi != null) {
            line.append(ansi).append(text).append(RESET);
        } else {
            line.append(text);
        }
    }

    private static String shortLevel(Level level) {
        return switch (level.toInt()) {
            case Level.TRACE_INT -> "TRC";
            case Level.DEBUG_INT -> "DBG";
            case Level.INFO_INT -> "INF";
            case Level.WARN_INT -> "WRN";
            case Level.ERROR_INT -> "ERR";
            default -> "???";
        };
    }

    private static String levelColor(Level level) {
        return switch (level.toInt()) {
            case Level.TRACE_INT -> MAGENTA;
            case Level.DEBUG_INT -> YELLOW;
            case Level.INFO_INT -> GREEN;
            case Level.WARN_INT -> RED;
            case Level.ERROR_INT -> BOLD_RED;
            default -> null;
        };
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }
}
