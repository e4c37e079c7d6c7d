package fr.pareto.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.TurboFilterList;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Builds Logback events directly for the built-in event helpers, skipping the SLF4J fluent
 * builder and its intermediate event. Applies the same decision as Logback's own logging methods:
 * turbo filters first, then the logger's effective level. Thread-safe.
 */
public final class LogbackEvents {

    private LogbackEvents() {
    }

    /**
     * Returns a new event when Logback would log {@code message} at {@code level} on {@code logger},
     * {@code null} when a turbo filter denies it or the level is off. Add key-value pairs, then
     * pass it to {@link Logger#callAppenders}.
     *
     * @param fqcn class name of the helper, so caller data points at the helper's caller
     */
    public static LoggingEvent newEvent(Logger logger, String fqcn, Level level, String message, Throwable cause) {
        TurboFilterList turboFilters = logger.getLoggerContext().getTurboFilterList();
        FilterReply reply = turboFilters.isEmpty() ? FilterReply.NEUTRAL
                : turboFilters.getTurboFilterChainDecision(null, logger, level, message, null, cause);
        if (reply == FilterReply.DENY || (reply == FilterReply.NEUTRAL && !logger.isEnabledFor(level))) {
            return null;
        }
        return new LoggingEvent(fqcn, logger, level, message, cause, null);
    }
}
