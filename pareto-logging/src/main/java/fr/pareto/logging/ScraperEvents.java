package fr.pareto.logging;

import ch.qos.logback.classic.spi.LoggingEvent;
import fr.pareto.logging.internal.LogbackEvents;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Event helpers of the scraper ({@code module=scraper}), the Java side of the Go services'
 * {@code LogScrapeFailed}.
 *
 * <pre>{@code
 * private static final ScraperEvents EVENTS = ScraperEvents.of(Scraper.class);
 * ...
 * EVENTS.scrapeFailed("fnac", url, e);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ScraperEvents extends EventLogger {

    /** Message of {@link #scrapeFailed(String, String, Throwable)}. */
    public static final String SCRAPE_FAILED = "scrape failed";

    private static final String FQCN = ScraperEvents.class.getName();

    private ScraperEvents(Logger logger) {
        super(logger, "scraper");
    }

    /**
     * Creates helpers writing through {@code logger}.
     *
     * @throws NullPointerException if {@code logger} is null
     */
    public static ScraperEvents of(Logger logger) {
        return new ScraperEvents(logger);
    }

    /**
     * Creates helpers writing through the logger named after {@code owner}.
     *
     * @throws NullPointerException if {@code owner} is null
     */
    public static ScraperEvents of(Class<?> owner) {
        return new ScraperEvents(loggerFor(owner));
    }

    /**
     * Logs {@value #SCRAPE_FAILED} at ERROR with {@code module=scraper}, {@code retailer},
     * {@code url} and the throwable as {@code error} and {@code stack_trace}. Secrets in the URL's
     * query are masked by the encoder. Null arguments are written as JSON null (or, for
     * {@code error}, left out). Allocates nothing when ERROR is off for the logger.
     */
    public void scrapeFailed(String retailer, String url, Throwable error) {
        if (!logger().isErrorEnabled()) {
            return;
        }
        if (logger() instanceof ch.qos.logback.classic.Logger logback) {
            LoggingEvent event = LogbackEvents.newEvent(logback, FQCN, ch.qos.logback.classic.Level.ERROR,
                    SCRAPE_FAILED, error);
            if (event != null) {
                event.addKeyValuePair(new KeyValuePair(LogFields.MODULE, module()));
                event.addKeyValuePair(new KeyValuePair("retailer", retailer));
                event.addKeyValuePair(new KeyValuePair("url", url));
                logback.callAppenders(event);
            }
            return;
        }
        event(Level.ERROR)
                .addKeyValue("retailer", retailer)
                .addKeyValue("url", url)
                .setCause(error)
                .log(SCRAPE_FAILED);
    }
}
