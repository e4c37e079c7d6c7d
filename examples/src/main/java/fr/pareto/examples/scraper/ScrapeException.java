package fr.pareto.examples.scraper;

/** A product page could not be fetched or read. The message gives the reason, for logs and alerts. */
public final class ScrapeException extends Exception {

    /** Creates the exception with the reason, such as {@code HTTP 404}. */
    public ScrapeException(String message) {
        super(message);
    }

    /** Creates the exception with the reason and the underlying failure. */
    public ScrapeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Returns an exception that carries only the reason, without a stack trace: a failed page
     * is an expected outcome, and its log event needs the reason, not the scraper's call stack.
     */
    static ScrapeException reason(String message) {
        return new ScrapeException(message, false);
    }

    private ScrapeException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
