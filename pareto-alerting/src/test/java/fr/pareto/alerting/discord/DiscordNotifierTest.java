package fr.pareto.alerting.discord;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.RetryPolicy;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.support.LogCapture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DiscordNotifierTest {

    private static final String TOKEN = "s3cr3t-T0ken_value";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy FAST_RETRY = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String webhookUrl() {
        return server.url("/api/webhooks/123456/" + TOKEN).toString();
    }

    private DiscordNotifier.Builder notifier() {
        return DiscordNotifier.builder(webhookUrl());
    }

    private static Alert alert(String title) {
        return Alert.builder(title).severity(Severity.ERROR).description("details").build();
    }

    private static MockResponse ok() {
        return new MockResponse.Builder().code(200).body("{\"id\":\"1\"}").build();
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8());
    }

    @Test
    void successPostsEmbedWithWaitTrue() throws Exception {
        server.enqueue(ok());

        DeliveryResult result = notifier().build().deliver(List.of(alert("API Health is down")));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/webhooks/123456/" + TOKEN);
        assertThat(request.getUrl().queryParameter("wait")).isEqualTo("true");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode embed = body(request).path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("API Health is down");
        assertThat(embed.path("color").asInt()).isEqualTo(0xFF0000);
        assertThat(embed.path("footer").path("text").asText()).isEqualTo("Pareto Monitoring");
        assertThat(body(request).path("allowed_mentions").path("parse").size()).isZero();
    }

    @Test
    void optionsReachThePayloadAndQuery() throws Exception {
        server.enqueue(ok());
        DiscordNotifier discord = notifier()
                .username("Pareto alerts")
                .avatarUrl(java.net.URI.create("https://example.com/a.png"))
                .threadId("987654321")
                .footer("Ops")
                .build();

        discord.deliver(List.of(alert("t")));

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().queryParameter("thread_id")).isEqualTo("987654321");
        assertThat(body(request).path("username").asText()).isEqualTo("Pareto alerts");
        assertThat(body(request).path("avatar_url").asText()).isEqualTo("https://example.com/a.png");
        assertThat(body(request).path("embeds").get(0).path("footer").path("text").asText()).isEqualTo("Ops");
    }

    @Test
    void tooManyRequestsReturnsRetryAfterFromBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429)
                .body("{\"message\":\"You are being rate limited.\",\"retry_after\":0.35,\"global\":false}").build());
        server.enqueue(ok());
        DiscordNotifier discord = notifier().build();

        // Measured from before the first request, so a pause between the calls cannot hide the wait.
        long start = System.nanoTime();
        DeliveryResult limited = discord.deliver(List.of(alert("t")));
        DeliveryResult next = discord.deliver(List.of(alert("t")));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(limited.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(limited.retryAfter()).contains(Duration.ofMillis(350));
        assertThat(next.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(350);
    }

    @Test
    void tooManyRequestsFallsBackToRetryAfterHeader() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("slow down").build());

        DeliveryResult result = notifier().build().deliver(List.of(alert("t")));

        assertThat(result.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void exhaustedBucketDelaysNextRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset-After", "0.4").body("{}").build());
        server.enqueue(ok());
        DiscordNotifier discord = notifier().build();

        long start = System.nanoTime();
        discord.deliver(List.of(alert("first")));
        discord.deliver(List.of(alert("second")));

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void rateLimitIsSharedByNotifiersOfOneWebhook() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).body("{\"retry_after\":0.4}").build());
        server.enqueue(ok());

        long start = System.nanoTime();
        notifier().build().deliver(List.of(alert("first")));
        DeliveryResult other = notifier().build().deliver(List.of(alert("second")));

        assertThat(other.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void serverErrorIsRetriedUntilDelivered() throws Exception {
        server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
        server.enqueue(new MockResponse.Builder().code(503).body("unavailable").build());
        server.enqueue(ok());

        try (AlertDispatcher dispatcher = dispatcher(notifier().build())) {
            dispatcher.send(alert("API Health is down"));

            await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.counters().sent() == 1);
            assertThat(dispatcher.counters().retried()).isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(3);
        }
    }

    @Test
    void responseTimeoutIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{}").build());
        server.enqueue(ok());
        DiscordNotifier discord = notifier().requestTimeout(Duration.ofMillis(300)).build();

        DeliveryResult first = discord.deliver(List.of(alert("t")));

        assertThat(first.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(first.reason()).contains("timed out");
        try (AlertDispatcher dispatcher = dispatcher(discord)) {
            dispatcher.send(alert("again"));
            await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.counters().sent() == 1);
        }
    }

    @Test
    void slowBodyIsBoundedByRequestTimeout() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"" + "1".repeat(40) + "\"}")
                .throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
        DiscordNotifier discord = notifier().requestTimeout(Duration.ofMillis(500)).build();

        long start = System.nanoTime();
        DeliveryResult result = discord.deliver(List.of(alert("t")));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(result.reason()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void droppedConnectionIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(ok());

        try (AlertDispatcher dispatcher = dispatcher(notifier().build())) {
            dispatcher.send(alert("t"));

            await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.counters().sent() == 1);
            assertThat(dispatcher.counters().retried()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void badRequestFailsOnceWithDiscordCodeAndMessage() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400)
                .body("{\"code\":50035,\"message\":\"Invalid Form Body\",\"errors\":{\"embeds\":{}}}").build());
        Alert alert = Alert.builder("Checkout failing").description("d".repeat(5000)).build();

        try (LogCapture logs = new LogCapture(); AlertDispatcher dispatcher = dispatcher(notifier().build())) {
            dispatcher.send(alert);

            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.counters().failed() == 1);
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(dispatcher.counters().retried()).isZero();
            String error = logs.messages(Level.ERROR).get(0);
            assertThat(error).contains("HTTP 400", "50035", "Invalid Form Body");
            assertThat(error).contains("Checkout failing").contains("d".repeat(5000));
            assertThat(error).doesNotContain(TOKEN);
        }
    }

    @Test
    void longDescriptionIsClampedBeforeSending() throws Exception {
        server.enqueue(ok());

        notifier().build().deliver(List.of(Alert.builder("t").description("line\n".repeat(2000)).build()));

        String description = body(server.takeRequest(5, TimeUnit.SECONDS)).path("embeds").get(0).path("description").asText();
        assertThat(description.codePointCount(0, description.length())).isLessThanOrEqualTo(4096);
    }

    @Test
    void unknownWebhookIsUnusableAndSaidOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"Unknown Webhook\",\"code\":10015}").build());
        DiscordNotifier discord = notifier().build();

        try (LogCapture logs = new LogCapture()) {
            DeliveryResult first = discord.deliver(List.of(alert("one")));
            DeliveryResult second = discord.deliver(List.of(alert("two")));

            assertThat(first.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
            assertThat(second.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
            assertThat(second.reason()).contains("unusable", "10015");
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(discord.unusableReason()).isPresent();
            assertThat(logs.messages(Level.ERROR)).filteredOn(m -> m.contains("unusable")).hasSize(1);
            assertThat(logs.messages(Level.ERROR).get(0)).contains("123456/***").doesNotContain(TOKEN);
        }
    }

    @Test
    void contentOver2000IsSentTruncated() throws Exception {
        server.enqueue(ok());

        DeliveryResult result = notifier().content("x".repeat(2001)).build().deliver(List.of(alert("t")));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        String content = body(server.takeRequest(5, TimeUnit.SECONDS)).path("content").asText();
        assertThat(content.codePointCount(0, content.length())).isEqualTo(2000);
        assertThat(content).endsWith("[truncated]");
    }

    @Test
    void mentionsInAlertTextPingNobody() throws Exception {
        server.enqueue(ok());

        notifier().build().deliver(List.of(Alert.builder("@everyone look").description("@here <@&123>").build()));

        JsonNode body = body(server.takeRequest(5, TimeUnit.SECONDS));
        assertThat(body.path("allowed_mentions").path("parse").size()).isZero();
        assertThat(body.toString()).doesNotContain("@everyone").doesNotContain("@here");
    }

    @Test
    void moreAlertsThanOneMessageAreSplit() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(ok());
        }
        List<Alert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 23; i++) {
            alerts.add(alert("alert " + i));
        }

        DeliveryResult result = notifier().build().deliver(alerts);

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(server.getRequestCount()).isEqualTo(3);
        int embeds = 0;
        for (int i = 0; i < 3; i++) {
            embeds += body(server.takeRequest(5, TimeUnit.SECONDS)).path("embeds").size();
        }
        assertThat(embeds).isEqualTo(23);
    }

    @Test
    void nameAndToStringHideToken() {
        DiscordNotifier discord = notifier().build();

        assertThat(discord.name()).isEqualTo("discord webhook 123456/***");
        assertThat(discord.toString()).contains("123456/***").doesNotContain(TOKEN);
    }

    @Test
    void invalidUrlsAreRejectedWithoutToken() {
        assertThatThrownBy(() -> DiscordNotifier.builder("http://discord.com/api/webhooks/1/" + TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https")
                .hasMessageContaining("/api/webhooks/1/***")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> DiscordNotifier.builder("https://discord.com/api/hooks/1/" + TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/api/webhooks/{id}/{token}")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> DiscordNotifier.builder("https://discord.com/api/webhooks/1/" + TOKEN + "?wait=false"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> DiscordNotifier.builder("https://discord.com/api/webhooks/1/" + TOKEN + " x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid URI")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> DiscordNotifier.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("webhookUrl");
    }

    @Test
    void validUrlsAreAccepted() {
        assertThat(DiscordNotifier.builder("https://discord.com/api/webhooks/1234/" + TOKEN).build().name())
                .isEqualTo("discord webhook 1234/***");
        assertThat(DiscordNotifier.builder("https://discord.com/api/v10/webhooks/1234/" + TOKEN).build().name())
                .isEqualTo("discord webhook 1234/***");
    }

    @Test
    void usernameWithDiscordIsRejected() {
        assertThatThrownBy(() -> notifier().username("My Discord bot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("My Discord bot")
                .hasMessageContaining("\"discord\"");
    }

    private static AlertDispatcher dispatcher(DiscordNotifier discord) {
        return AlertDispatcher.builder().notifier(discord).retryPolicy(FAST_RETRY).closeTimeout(Duration.ofSeconds(5)).build();
    }
}
