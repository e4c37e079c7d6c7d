package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.discord.DiscordNotifier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alert storm: a thousand distinct alerts raised within about a second against a Discord
 * stand-in that allows 5 requests per 2 seconds and responds 429 with {@code retry_after}
 * beyond, once with the limit announced in {@code X-RateLimit-*} headers and once without. Every alert must arrive exactly once, no request may land in a cooldown, and the
 * dispatcher's counters must add up to what was sent.
 */
@ExtendWith(ScannedOutput.class)
class AlertStormTest {

    private static final int ALERTS = Integer.getInteger("reliability.storm.alerts", 1000);

    @ParameterizedTest(name = "limits announced in headers: {0}")
    @ValueSource(booleans = {false, true})
    void thousandAlertsAreAllDeliveredOnce(boolean announceLimits) throws Exception {
        FakeDiscord discord = new FakeDiscord(5, 2000, announceLimits);
        String run = announceLimits ? "alerts.storm_announced." : "alerts.storm.";
        try (MockWebServer server = Loopback.start(discord)) {
            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(DiscordNotifier.builder(Loopback.webhook(server)).build())
                    .queueCapacity(Math.max(1000, ALERTS))
                    .deduplicationWindow(Duration.ZERO)
                    .build();

            long started = System.nanoTime();
            for (int i = 0; i < ALERTS; i++) {
                dispatcher.send(Alert.builder("Storm alert " + i)
                        .severity(i % 2 == 0 ? Severity.ERROR : Severity.WARNING)
                        .description("Scraper run " + i + " failed for retailer fnac")
                        .field("Retailer", "fnac")
                        .source("storm")
                        .build());
            }
            long raisedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            await().atMost(Duration.ofMinutes(3)).until(() -> settled(dispatcher.counters()) == ALERTS);
            long deliveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            dispatcher.close();

            AlertDispatcher.Counters counters = dispatcher.counters();
            Figures.set(run + "raised", ALERTS);
            Figures.set(run + "raise_millis", raisedMillis);
            Figures.set(run + "delivered", discord.deliveredEmbeds());
            Figures.set(run + "lost", ALERTS - discord.deliveredTitles().size());
            Figures.set(run + "requests", discord.requests());
            Figures.set(run + "requests_answered_429", discord.rateLimited());
            Figures.set(run + "requests_during_cooldown", discord.requestsDuringCooldown());
            Figures.set(run + "deliver_millis", deliveredMillis);
            Figures.add("alerts.total_raised", ALERTS);
            Figures.add("alerts.total_lost", ALERTS - discord.deliveredTitles().size());

            assertThat(counters.sent()).isEqualTo(ALERTS);
            assertThat(counters.failed()).isZero();
            assertThat(counters.dropped()).isZero();
            assertThat(discord.deliveredTitles()).hasSize(ALERTS);
            assertThat(discord.deliveredTitles().values()).allMatch(count -> count == 1);
            assertThat(discord.deliveredEmbeds()).isEqualTo(ALERTS);
            assertThat(discord.requestsDuringCooldown()).isZero();
            assertThat(discord.violations()).isEmpty();
        }
    }

    private static long settled(AlertDispatcher.Counters counters) {
        return counters.sent() + counters.failed() + counters.dropped();
    }
}
