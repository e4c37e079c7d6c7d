package fr.pareto.logging.test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.pareto.logging.ParetoJsonEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Captures the JSON events that code emits, as parsed objects, for tests:
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     scraper.run();
 *     assertThat(logs).hasEvent("scrape failed").hasField("retailer", "fnac");
 * }
 * }</pre>
 *
 * <p>While open, an appender on the root logger encodes every event that reaches it with a
 * {@link ParetoJsonEncoder} (defaults unless {@link #start(Consumer)} changes them), from any
 * thread, alongside the appenders already there. Each line is parsed with duplicate keys
 * rejected, so a line that is not valid JSON, or repeats a key, fails the test with an
 * {@link AssertionError}. Levels are not changed: an event the loggers filter out is not captured.
 *
 * <p>Needs only this library: no JUnit or AssertJ. Thread-safe; close it to detach the appender.
 */
public final class LogCapture implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final Logger root;
    private final CaptureAppender appender;

    private LogCapture(Logger root, CaptureAppender appender) {
        this.root = root;
        this.appender = appender;
    }

    /**
     * Starts capturing with the default JSON encoder.
     *
     * @throws IllegalStateException if SLF4J is not bound to Logback
     */
    public static LogCapture start() {
        return start(encoder -> { });
    }

    /**
     * Starts capturing with an encoder that {@code settings} configures before it starts, such as
     * {@code encoder -> encoder.setProfile("logstash")}.
     *
     * @throws IllegalStateException if SLF4J is not bound to Logback
     * @throws NullPointerException if {@code settings} is null
     */
    public static LogCapture start(Consumer<ParetoJsonEncoder> settings) {
        Objects.requireNonNull(settings, "settings");
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("LogCapture needs Logback as the SLF4J provider, but found "
                    + factory.getClass().getName() + "; put logback-classic on the test class path");
        }
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(context);
        settings.accept(encoder);
        encoder.start();

        CaptureAppender appender = new CaptureAppender(encoder);
        appender.setContext(context);
        appender.setName("PARETO_LOG_CAPTURE_" + System.identityHashCode(appender));
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new LogCapture(root, appender);
    }

    /**
     * Runs {@code code} and returns the events it emitted.
     *
     * @throws NullPointerException if {@code code} is null
     */
    public static List<CapturedEvent> during(Runnable code) {
        Objects.requireNonNull(code, "code");
        try (LogCapture capture = start()) {
            code.run();
            return capture.events();
        }
    }

    /**
     * Returns the events captured so far, oldest first.
     *
     * @throws AssertionError if a line is not valid JSON or repeats a key
     */
    public List<CapturedEvent> events() {
        List<CapturedEvent> events = new ArrayList<>();
        for (String line : lines()) {
            events.add(parse(line));
        }
        return events;
    }

    /** Returns the captured events whose {@code message} equals {@code message}, oldest first. */
    public List<CapturedEvent> events(String message) {
        Objects.requireNonNull(message, "message");
        List<CapturedEvent> matching = new ArrayList<>();
        for (CapturedEvent event : events()) {
            if (event.message().equals(message)) {
                matching.add(event);
            }
        }
        return matching;
    }

    /** Returns the captured JSON lines, without their newlines, oldest first. */
    public List<String> lines() {
        return appender.lines();
    }

    /** Forgets the events captured so far. */
    public void clear() {
        appender.clear();
    }

    /** Detaches the capturing appender; the events captured stay readable. */
    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    static CapturedEvent parse(String line) {
        if (line.indexOf('\n') >= 0) {
            throw new AssertionError("Event spans several lines: " + line);
        }
        try {
            return new CapturedEvent(line, JSON.readValue(line, FIELDS));
        } catch (IOException e) {
            throw new AssertionError("Event is not one valid JSON object without repeated keys ("
                    + e.getMessage() + "): " + line, e);
        }
    }

    private static final class CaptureAppender extends AppenderBase<ILoggingEvent> {
        private final ParetoJsonEncoder encoder;
        private final List<String> lines = new ArrayList<>();

        CaptureAppender(ParetoJsonEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            lines.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        }

        List<String> lines() {
            synchronized (this) {
                return List.copyOf(lines);
            }
        }

        void clear() {
            synchronized (this) {
                lines.clear();
            }
        }
    }
}
