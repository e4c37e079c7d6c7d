package fr.pareto.alerting.discord;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.RetryPolicy;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.support.RateLimitedDiscord;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DiscordBurstAndOutageTest {

    @ParameterizedTest(name = "limits announced in headers: {0}")
    @ValueSource(booleans = {false, true})
    void burstOf13IsDeliveredWithoutRequestsDuringCooldown(boolean announceLimits) throws Exception {
        RateLimitedDiscord discord = new RateLimitedDiscord(2, 1000, announceLimits);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(discord);
            server.start();
            // Deduplication off: every alert of the burst must arrive as its own embed.
            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(DiscordNotifier.builder(server.url("/api/webhooks/55/burst-token").toString()).build())
                    .deduplicationWindow(Duration.ZERO)
                    .build();

            for (int i = 0; i < 13; i++) {
                dispatcher.send(Alert.builder("Burst alert " + i).severity(Severity.WARNING).build());
                TimeUnit.MILLISECONDS.sleep(75); // spreads the 13 alerts over about one second
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().sent() == 13);
            dispatcher.close();
            assertThat(discord.deliveredEmbeds()).isEqualTo(13);
            assertThat(titles(discord)).hasSize(13);
            assertThat(discord.requestsDuringCooldown()).isZero();
            assertThat(dispatcher.counters().failed()).isZero();
            if (announceLimits) {
                assertThat(discord.seen()).noneMatch(seen -> seen.status() == 429);
            } else {
                assertThat(discord.seen()).anyMatch(seen -> seen.status() == 429);
            }
        }
    }

    @Test
    void alertIsDeliveredAfterFiveSecondOutage() throws Exception {
        int port;
        try (MockWebServer probe = new MockWebServer()) {
            probe.start(InetAddress.getLoopbackAddress(), 0);
            port = probe.getPort();
        }
        String url = "http://127.0.0.1:" + port + "/api/webhooks/66/outage-token";
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)).withMaxAttempts(30);
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .notifier(DiscordNotifier.builder(url).connectTimeout(Duration.ofSeconds(1)).build())
                .retryPolicy(policy)
                .build();

        long downSince = System.nanoTime();
        dispatcher.send(Alert.builder("API Health is down").severity(Severity.ERROR).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.counters().retried() >= 2);
        long remaining = TimeUnit.SECONDS.toNanos(5) - (System.nanoTime() - downSince);
        // The outage is the point of this test: the endpoint must stay away for 5 seconds.
        TimeUnit.NANOSECONDS.sleep(Math.max(0, remaining));

        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
            server.start(InetAddress.getLoopbackAddress(), port);

            await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.counters().sent() == 1);
            assertThat(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8()).contains("API Health is down");
            assertThat(dispatcher.counters().failed()).isZero();
        } finally {
            dispatcher.close();
        }
    }

    @Test
    void backlogIsCoalescedIntoMessagesOfTenEmbeds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RateLimitedDiscord discord = new RateLimitedDiscord(100, 1000, true);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(mockwebserver3.RecordedRequest request) throws InterruptedException {
                    release.await(10, TimeUnit.SECONDS);
                    return discord.dispatch(request);
                }
            });
            server.start();
            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(DiscordNotifier.builder(server.url("/api/webhooks/77/coalesce-token").toString()).build())
                    .deduplicationWindow(Duration.ZERO)
                    .build();

            for (int i = 0; i < 31; i++) {
                dispatcher.send(Alert.builder("Backlog alert " + i).build());
            }
            release.countDown();

            await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.counters().sent() == 31);
            dispatcher.close();
            List<Integer> embedsPerRequest = discord.seen().stream().map(s -> s.body().path("embeds").size()).toList();
            assertThat(embedsPerRequest).allMatch(n -> n <= 10);
            assertThat(embedsPerRequest).contains(10);
            assertThat(embedsPerRequest.size()).isLessThanOrEqualTo(5);
            assertThat(dispatcher.counters().coalesced()).isEqualTo(31 - embedsPerRequest.size());
        }
    }

    private static Set<String> titles(RateLimitedDiscord discord) {
        Set<String> titles = new HashSet<>();
        discord.seen().stream().filter(s -> s.status() == 200)
                .forEach(s -> s.body().path("embeds").forEach(embed -> titles.add(embed.path("title").asText())));
        return titles;
    }
}
