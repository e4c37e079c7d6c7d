package fr.pareto.health.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.RetryPolicy;
import fr.pareto.alerting.discord.DiscordNotifier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A monitor's DOWN and UP through the real Discord notifier, to a local stand-in for Discord. */
class MonitorDiscordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer discord = new MockWebServer();
    private final FakeScheduler scheduler = new FakeScheduler(Instant.parse("2026-12-01T08:00:00Z"));
    private final ScriptedCheck check = new ScriptedCheck(scheduler);

    @BeforeEach
    void startDiscord() throws Exception {
        discord.start();
    }

    @AfterEach
    void stopDiscord() {
        discord.close();
    }

    private static JsonNode embed(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8()).path("embeds").get(0);
    }

    private static Map<String, String> fields(JsonNode embed) {
        Map<String, String> fields = new HashMap<>();
        embed.path("fields").forEach(field -> fields.put(field.path("name").asText(), field.path("value").asText()));
        return fields;
    }

    @Test
    void downAndRecoveryReachDiscord() throws Exception {
        discord.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"1\"}").build());
        discord.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"2\"}").build());
        String webhook = discord.url("/api/webhooks/123/t0ken").toString();

        try (AlertDispatcher alerts = AlertDispatcher.builder().notifier(DiscordNotifier.builder(webhook).build()).build();
             MonitorService service = MonitorService.builder()
                     .monitor(Monitor.builder("API Health", check).target("http://api:8080/health").downAfter(3).build())
                     .alertSink(alerts)
                     .scheduler(scheduler)
                     .build()) {
            service.start();
            check.fail("HTTP 503 from http://api:8080/health @everyone");
            scheduler.advance(Duration.ofMinutes(5));
            RecordedRequest down = discord.takeRequest(30, TimeUnit.SECONDS);

            check.pass();
            scheduler.advance(Duration.ofMinutes(1));
            RecordedRequest up = discord.takeRequest(30, TimeUnit.SECONDS);

            assertThat(down).isNotNull();
            JsonNode downEmbed = embed(down);
            assertThat(downEmbed.path("title").asText()).isEqualTo("API Health is down");
            assertThat(downEmbed.path("color").asInt()).isEqualTo(0xFF0000);
            assertThat(fields(downEmbed)).containsEntry("Monitor", "API Health")
                    .containsEntry("Target", "http://api:8080/health")
                    .containsEntry("Down since", "2026-12-01 08:00:00 UTC");
            assertThat(fields(downEmbed).get("Error")).startsWith("HTTP 503 from http://api:8080/health");
            assertThat(JSON.readTree(down.getBody().utf8()).path("allowed_mentions").path("parse")).isEmpty();

            assertThat(up).isNotNull();
            JsonNode upEmbed = embed(up);
            assertThat(upEmbed.path("title").asText()).isEqualTo("API Health is up");
            assertThat(upEmbed.path("color").asInt()).isEqualTo(0x00FF00);
            assertThat(fields(upEmbed)).containsEntry("Outage", "6 min");
        }
    }

    @Test
    void downSurvivesWebhookOutage() throws Exception {
        // Discord fails twice exactly when the DOWN fires; the dispatcher retries until it is back.
        discord.enqueue(new MockResponse.Builder().code(503).build());
        discord.enqueue(new MockResponse.Builder().code(503).build());
        discord.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"1\"}").build());
        String webhook = discord.url("/api/webhooks/123/t0ken").toString();

        try (AlertDispatcher alerts = AlertDispatcher.builder()
                .notifier(DiscordNotifier.builder(webhook).build())
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)))
                .build();
             MonitorService service = MonitorService.builder()
                     .monitor(Monitor.builder("Redis", check).target("redis:6379").downAfter(3).build())
                     .alertSink(alerts)
                     .scheduler(scheduler)
                     .build()) {
            service.start();
            check.fail("connection refused by redis:6379");
            scheduler.advance(Duration.ofMinutes(3));

            for (int attempt = 1; attempt <= 3; attempt++) {
                RecordedRequest request = discord.takeRequest(30, TimeUnit.SECONDS);
                assertThat(request).as("request %d", attempt).isNotNull();
                assertThat(embed(request).path("title").asText()).isEqualTo("Redis is down");
            }
        }
    }

    @Test
    void thirteenMonitorsDownTogetherAllReachDiscord() throws Exception {
        // Every monitor fails in the same second; Discord rate-limits the first request.
        discord.enqueue(new MockResponse.Builder().code(429)
                .body("{\"message\":\"You are being rate limited.\",\"retry_after\":0.3,\"global\":false}").build());
        for (int i = 0; i < 13; i++) {
            discord.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"" + i + "\"}").build());
        }
        String webhook = discord.url("/api/webhooks/123/t0ken").toString();
        MonitorService.Builder builder = MonitorService.builder().scheduler(scheduler);
        for (int i = 1; i <= 13; i++) {
            builder.monitor(Monitor.builder("Shop " + i, check).target("https://shop" + i + ".example/health").build());
        }
        check.fail("HTTP 500");

        try (AlertDispatcher alerts = AlertDispatcher.builder().notifier(DiscordNotifier.builder(webhook).build()).build();
             MonitorService service = builder.alertSink(alerts).build()) {
            service.start();
            scheduler.advance(Duration.ZERO);

            Set<String> titles = new HashSet<>();
            RecordedRequest limited = discord.takeRequest(30, TimeUnit.SECONDS);
            assertThat(limited).isNotNull();
            RecordedRequest next = discord.takeRequest(30, TimeUnit.SECONDS);
            while (next != null) {
                JSON.readTree(next.getBody().utf8()).path("embeds").forEach(embed -> titles.add(embed.path("title").asText()));
                next = titles.size() < 13 ? discord.takeRequest(30, TimeUnit.SECONDS) : null;
            }

            assertThat(titles).hasSize(13).contains("Shop 1 is down", "Shop 13 is down");
        }
    }

    @Test
    void longErrorIsClampedKeepingBothEnds() {
        String error = "java.sql.SQLException: wrapper " + "x".repeat(3000) + " caused by: root cause at the end";
        check.fail(error);
        try (MonitorService service = MonitorService.builder()
                .monitor(Monitor.builder("PostgreSQL", check).build())
                .scheduler(scheduler)
                .build()) {
            service.start();
            scheduler.advance(Duration.ZERO);

            String message = service.snapshot("PostgreSQL").orElseThrow().lastHeartbeat().orElseThrow().message();
            assertThat(message).hasSizeLessThanOrEqualTo(1000)
                    .startsWith("java.sql.SQLException: wrapper")
                    .endsWith("root cause at the end")
                    .contains(" ... ");
        }
    }
}
