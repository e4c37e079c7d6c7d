package fr.pareto.errors.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.Severity;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AlertingErrorListenerTest {

    @Test
    void newGroupAndSpikeBecomeAlerts() {
        List<Alert> sent = new CopyOnWriteArrayList<>();
        try (ErrorTracker tracker = ErrorTracker.builder().name("alerting-test").spike(2, Duration.ofHours(1))
                .listener(AlertingErrorListener.builder(sent::add).source("api").build())
                .flushOnExit(false).build()) {
            for (int i = 0; i < 3; i++) {
                tracker.capture(new IllegalStateException("stock sync failed, token=abc"),
                        ErrorContext.of("method", "POST").with("path", "/api/scrape"));
            }

            await().untilAsserted(() -> assertThat(sent).hasSize(2));
            String fingerprint = tracker.groups().get(0).fingerprint();

            Alert created = sent.get(0);
            assertThat(created.title()).isEqualTo("New error: IllegalStateException");
            assertThat(created.severity()).isEqualTo(Severity.ERROR);
            assertThat(created.source()).contains("api");
            assertThat(created.description()).startsWith("java.lang.IllegalStateException: stock sync failed, token=***")
                    .doesNotContain("abc");
            assertThat(created.fields()).contains(new Alert.Field("Fingerprint", fingerprint, true),
                    new Alert.Field("Request", "POST /api/scrape", true));
            assertThat(created.deduplicationKey()).isEqualTo("pareto-errors|new|" + fingerprint);

            Alert spike = sent.get(1);
            assertThat(spike.title()).isEqualTo("Error spike: IllegalStateException");
            assertThat(spike.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(spike.fields()).contains(new Alert.Field("Occurrences in window", "3 in 60 min", true));
        }
    }

    @Test
    void regressionBecomesAnAlertWhenEnabled() {
        List<Alert> sent = new CopyOnWriteArrayList<>();
        fr.pareto.errors.FakeClock clock = fr.pareto.errors.FakeClock.atEpochDay();
        try (ErrorTracker tracker = ErrorTracker.builder().name("alerting-regression").clock(clock)
                .regressionAfter(Duration.ofMinutes(10))
                .listener(AlertingErrorListener.builder(sent::add).notify(false, true, false).build())
                .flushOnExit(false).build()) {
            tracker.capture(new IllegalStateException("a"));
            clock.advance(Duration.ofHours(3));
            tracker.capture(new IllegalStateException("a"));

            await().untilAsserted(() -> assertThat(sent).hasSize(1));
            assertThat(sent.get(0).title()).isEqualTo("Error is back: IllegalStateException");
            assertThat(sent.get(0).fields()).contains(new Alert.Field("Quiet for", "3 h", true));
        }
    }

    @Test
    void listenerIsCreatedWhenTheModuleIsPresent() {
        assertThat(AlertingErrorListener.of(alert -> { })).isNotNull();
    }
}
