package fr.pareto.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Collects the events of one logger through a real Logback appender. Close it to detach. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previousLevel;

    private LogCapture(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the events of the tracker's logger. */
    public static LogCapture tracker() {
        return new LogCapture(ErrorTracker.LOGGER_NAME, null);
    }

    /** Captures the events of a logger from DEBUG up, and restores its level on close. */
    public static LogCapture debug(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Returns the events whose message is {@code error tracked}. */
    public List<ILoggingEvent> trackedEvents() {
        return events().stream().filter(e -> "error tracked".equals(e.getMessage())).toList();
    }

    /** Returns the key-value pairs of an event, in order, values as text. */
    public static Map<String, String> keyValues(ILoggingEvent event) {
        Map<String, String> out = new LinkedHashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                out.put(pair.key, String.valueOf(pair.value));
            }
        }
        return out;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
    }
}
