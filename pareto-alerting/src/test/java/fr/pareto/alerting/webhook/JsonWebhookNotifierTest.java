package fr.pareto.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Severity;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWebhookNotifierTest {

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonWebhookNotifier notifier() {
        return JsonWebhookNotifier.builder(URI.create(server.url("/hooks/alerts?key=secret-key").toString()))
                .header("Authorization", "Bearer secret-token")
                .build();
    }

    @Test
    void postsAlertAsJsonWithHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        Alert alert = Alert.builder("Queue backlog").severity(Severity.WARNING).field("Depth", "1200").source("worker")
                .timestamp(Instant.parse("2026-12-04T19:00:00Z")).build();

        DeliveryResult result = notifier().deliver(List.of(alert));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer secret-token");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.path("title").asText()).isEqualTo("Queue backlog");
        assertThat(body.path("severity").asText()).isEqualTo("warning");
        assertThat(body.path("color").asInt()).isEqualTo(0xFFFF00);
        assertThat(body.path("source").asText()).isEqualTo("worker");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-12-04T19:00:00Z");
        assertThat(body.path("fields").get(0).path("value").asText()).isEqualTo("1200");
    }

    @Test
    void serverErrorIsRetriedAndClientErrorIsNot() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "3").build());
        server.enqueue(new MockResponse.Builder().code(422).body("{\"error\":\"bad field\"}").build());
        JsonWebhookNotifier webhook = notifier();

        DeliveryResult unavailable = webhook.deliver(List.of(Alert.builder("t").build()));
        DeliveryResult rejected = webhook.deliver(List.of(Alert.builder("t").build()));

        assertThat(unavailable.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(rejected.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
        assertThat(rejected.reason()).contains("422", "bad field");
    }

    @Test
    void nameShowsNoQueryOrHeaderValue() {
        JsonWebhookNotifier webhook = notifier();

        assertThat(webhook.name()).endsWith("/hooks/alerts").doesNotContain("secret");
        assertThat(webhook.toString()).doesNotContain("secret");
    }

    @Test
    void invalidUrlAndHeaderAreRejected() {
        assertThatThrownBy(() -> JsonWebhookNotifier.builder(URI.create("ftp://example.com/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ftp'");
        assertThatThrownBy(() -> JsonWebhookNotifier.builder(URI.create("https://user:pw@example.com/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> JsonWebhookNotifier.builder(URI.create("https://example.com/x")).header("X-A", "a\r\nX-B: b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
    }
}
