package fr.pareto.examples.scraper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one page fetch: a price, or the reason there is none.
 *
 * @param target the page
 * @param price the price read from the page, when the scrape succeeded
 * @param error why the scrape failed, such as {@code HTTP 404}, when it failed
 * @param duration time from request to result
 */
public record ScrapeResult(ScrapeTarget target, Optional<BigDecimal> price, Optional<String> error, Duration duration) {

    /** Checks that exactly one of price and error is present. */
    public ScrapeResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(duration, "duration");
        if (price.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("A scrape result holds either a price or an error, not "
                    + (price.isPresent() ? "both" : "neither"));
        }
    }

    /** Returns a successful result. */
    public static ScrapeResult success(ScrapeTarget target, BigDecimal price, Duration duration) {
        return new ScrapeResult(target, Optional.of(price), Optional.empty(), duration);
    }

    /** Returns a failed result. */
    public static ScrapeResult failure(ScrapeTarget target, String error, Duration duration) {
        return new ScrapeResult(target, Optional.empty(), Optional.of(error), duration);
    }

    /** Returns whether a price was read. */
    public boolean succeeded() {
        return price.isPresent();
    }
}
