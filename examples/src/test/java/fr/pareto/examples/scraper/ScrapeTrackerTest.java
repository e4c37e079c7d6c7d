package fr.pareto.examples.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import org.junit.jupiter.api.Test;

class ScrapeTrackerTest {

    @Test
    void rateCoversOnlyTheWindow() {
        ScrapeTracker tracker = new ScrapeTracker(4);
        tracker.record(false);
        tracker.record(false);
        tracker.record(true);
        tracker.record(true);

        assertThat(tracker.snapshot().successRate()).isEqualTo(0.5);

        tracker.record(true);
        tracker.record(true);

        assertThat(tracker.snapshot().attempts()).isEqualTo(4);
        assertThat(tracker.snapshot().successes()).isEqualTo(4);
        assertThat(tracker.snapshot().successRate()).isEqualTo(1.0);
    }

    @Test
    void emptyTrackerReportsFullRate() {
        assertThat(new ScrapeTracker(3).snapshot().successRate()).isEqualTo(1.0);
    }

    @Test
    void windowMustBePositive() {
        assertThatThrownBy(() -> new ScrapeTracker(0)).hasMessageContaining("Invalid scrape window 0");
    }

    @Test
    void healthCheckFailsBelowThresholdOnly() {
        ScrapeTracker tracker = new ScrapeTracker(10);
        ScraperHealthCheck check = new ScraperHealthCheck(tracker, 0.5);

        assertThat(check.check().status()).isEqualTo(HealthStatus.OK);
        assertThat(check.check().message()).contains("no scrape yet");

        tracker.record(true);
        tracker.record(false);
        HealthResult atThreshold = check.check();
        assertThat(atThreshold.status()).isEqualTo(HealthStatus.OK);
        assertThat(atThreshold.details()).containsEntry("success_rate", 0.5);

        tracker.record(false);
        HealthResult below = check.check();
        assertThat(below.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(below.message()).contains("1 of the last 3 scrapes succeeded (33%, minimum 50%)");
    }
}
