package fr.pareto.examples.scraper;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * Reports the scraper as failing when the success rate over the recent scrapes falls below a
 * threshold. Before the first scrape it reports ok: nothing has failed yet.
 */
public final class ScraperHealthCheck implements HealthCheck {

    private final ScrapeTracker tracker;
    private final double minSuccessRate;

    /**
     * Creates the check.
     *
     * @param tracker the recent outcomes
     * @param minSuccessRate the lowest healthy rate, from 0 to 1; a rate equal to it is healthy
     */
    public ScraperHealthCheck(ScrapeTracker tracker, double minSuccessRate) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        if (!(minSuccessRate >= 0 && minSuccessRate <= 1)) {
            throw new IllegalArgumentException("Invalid minimum success rate " + minSuccessRate + ": use 0 to 1");
        }
        this.minSuccessRate = minSuccessRate;
    }

    @Override
    public String name() {
        return "scraper";
    }

    @Override
    public HealthResult check() {
        ScrapeTracker.Snapshot snapshot = tracker.snapshot();
        double rate = snapshot.successRate();
        HealthStatus status = rate < minSuccessRate ? HealthStatus.ERROR : HealthStatus.OK;
        String message = snapshot.attempts() == 0
                ? "no scrape yet"
                : String.format(Locale.ROOT, "%d of the last %d scrapes succeeded (%.0f%%, minimum %.0f%%)",
                        snapshot.successes(), snapshot.attempts(), rate * 100, minSuccessRate * 100);
        return HealthResult.builder(status)
                .message(message)
                .detail("attempts", snapshot.attempts())
                .detail("successes", snapshot.successes())
                .detail("success_rate", rate)
                .detail("min_success_rate", minSuccessRate)
                .build();
    }
}
