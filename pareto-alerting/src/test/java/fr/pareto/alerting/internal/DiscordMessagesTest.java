package fr.pareto.alerting.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DiscordMessages messages(String content, Set<String> mentions) {
        return new DiscordMessages(new DiscordMessages.Settings(content, null, null, "Pareto Monitoring", mentions));
    }

    private static JsonNode payload(DiscordMessages messages, List<Alert> alerts) throws Exception {
        return JSON.readTree(messages.payload(alerts));
    }

    private static int cp(JsonNode node) {
        return Texts.length(node.asText());
    }

    @Test
    void embedCarriesColourFooterTimestampAndFields() throws Exception {
        Alert alert = Alert.builder("API Health is down")
                .severity(Severity.CRITICAL)
                .description("GET /health answered 503")
                .field("Monitor", "API Health")
                .source("uptime")
                .timestamp(Instant.parse("2026-12-04T19:23:07.123Z"))
                .build();

        JsonNode embed = payload(messages("", Set.of()), List.of(alert)).path("embeds").get(0);

        assertThat(embed.path("title").asText()).isEqualTo("API Health is down");
        assertThat(embed.path("color").asInt()).isEqualTo(0x8B0000);
        assertThat(embed.path("footer").path("text").asText()).isEqualTo("Pareto Monitoring");
        assertThat(embed.path("timestamp").asText()).isEqualTo("2026-12-04T19:23:07.123Z");
        assertThat(embed.path("author").path("name").asText()).isEqualTo("uptime");
        assertThat(embed.path("fields").get(0).path("name").asText()).isEqualTo("Monitor");
        assertThat(embed.path("fields").get(0).path("value").asText()).isEqualTo("API Health");
    }

    @Test
    void contentOver2000IsTruncatedWithMarker() throws Exception {
        String text = "c".repeat(2001);

        JsonNode root = payload(messages(text, Set.of()), List.of(Alert.builder("t").build()));

        assertThat(cp(root.path("content"))).isEqualTo(2000);
        assertThat(root.path("content").asText()).endsWith(Texts.END_MARKER);
    }

    @Test
    void fieldValueOver1024KeepsStartAndEnd() throws Exception {
        String wrapped = "java.lang.IllegalStateException: request failed\n" + "\tat x.y.Z.call(Z.java:1)\n".repeat(64)
                + "Caused by: java.net.ConnectException: Connection refused";
        wrapped = wrapped.substring(0, 1000) + "#".repeat(1787 - wrapped.length()) + wrapped.substring(1000);
        assertThat(wrapped).hasSize(1787);

        JsonNode field = payload(messages("", Set.of()), List.of(Alert.builder("t").field("Error", wrapped).build()))
                .path("embeds").get(0).path("fields").get(0);

        String value = field.path("value").asText();
        assertThat(Texts.length(value)).isLessThanOrEqualTo(1024);
        assertThat(value).startsWith("java.lang.IllegalStateException: request failed");
        assertThat(value).endsWith("Caused by: java.net.ConnectException: Connection refused");
        assertThat(value).contains("characters cut");
    }

    @Test
    void descriptionOver4096IsClamped() throws Exception {
        String tail = "log line\n".repeat(1000);

        JsonNode embed = payload(messages("", Set.of()), List.of(Alert.builder("t").description(tail).build()))
                .path("embeds").get(0);

        assertThat(cp(embed.path("description"))).isLessThanOrEqualTo(4096).isGreaterThan(4000);
    }

    @Test
    void titleFieldNameFooterAndAuthorAreClamped() throws Exception {
        DiscordMessages messages = new DiscordMessages(new DiscordMessages.Settings("", null, null, "f".repeat(3000), Set.of()));
        Alert alert = Alert.builder("t".repeat(300)).source("s".repeat(300)).field("n".repeat(300), "v").build();

        JsonNode embed = payload(messages, List.of(alert)).path("embeds").get(0);

        assertThat(cp(embed.path("title"))).isEqualTo(256);
        assertThat(embed.path("title").asText()).endsWith("…");
        assertThat(cp(embed.path("author").path("name"))).isEqualTo(256);
        assertThat(cp(embed.path("fields").get(0).path("name"))).isEqualTo(256);
        assertThat(cp(embed.path("footer").path("text"))).isLessThanOrEqualTo(2048);
    }

    @Test
    void moreThan25FieldsEndWithVisibleMarker() throws Exception {
        Alert.Builder builder = Alert.builder("many fields");
        for (int i = 0; i < 30; i++) {
            builder.field("f" + i, "v" + i);
        }

        JsonNode fields = payload(messages("", Set.of()), List.of(builder.build())).path("embeds").get(0).path("fields");

        assertThat(fields.size()).isEqualTo(25);
        assertThat(fields.get(24).path("value").asText()).startsWith("6 more fields not shown");
    }

    @Test
    void singleHugeEmbedFitsTotalOf6000() throws Exception {
        Alert.Builder builder = Alert.builder("x".repeat(256)).description("d".repeat(5000));
        for (int i = 0; i < 25; i++) {
            builder.field("n".repeat(256), "v".repeat(1024));
        }

        JsonNode embed = payload(messages("", Set.of()), List.of(builder.build())).path("embeds").get(0);

        int total = cp(embed.path("title")) + cp(embed.path("description")) + cp(embed.path("footer").path("text"));
        for (JsonNode field : embed.path("fields")) {
            total += cp(field.path("name")) + cp(field.path("value"));
        }
        assertThat(total).isLessThanOrEqualTo(6000);
        assertThat(embed.path("fields").size()).isEqualTo(25);
    }

    @Test
    void batchSizeStopsAtTenEmbeds() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            alerts.add(Alert.builder("alert " + i).build());
        }

        assertThat(messages("", Set.of()).batchSize(alerts)).isEqualTo(10);
    }

    @Test
    void batchSizeKeepsTotalWithin6000() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            alerts.add(Alert.builder("alert " + i).description("d".repeat(2500)).build());
        }
        DiscordMessages messages = messages("", Set.of());

        int size = messages.batchSize(alerts);

        assertThat(size).isEqualTo(2);
        JsonNode embeds = payload(messages, alerts.subList(0, size)).path("embeds");
        assertThat(cp(embeds.get(1).path("description"))).isEqualTo(2500);
    }

    @Test
    void everyPayloadDisablesMentionParsing() throws Exception {
        JsonNode root = payload(messages("", Set.of()), List.of(Alert.builder("t").build()));

        assertThat(root.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(root.path("allowed_mentions").path("parse").size()).isZero();
    }

    @Test
    void untrustedTextPingsNobody() throws Exception {
        String untrusted = "@everyone @here <@&123> look";
        Alert alert = Alert.builder("boom " + untrusted).description(untrusted).field(untrusted, untrusted).source(untrusted).build();

        String json = messages(untrusted, Set.of()).payload(List.of(alert));

        assertThat(json).doesNotContain("@everyone").doesNotContain("@here");
        assertThat(JSON.readTree(json).path("allowed_mentions").path("parse").size()).isZero();
    }

    @Test
    void allowedMentionsAreListed() throws Exception {
        JsonNode root = payload(messages("<@&42>", Set.of("roles")), List.of(Alert.builder("t").build()));

        assertThat(root.path("allowed_mentions").path("parse").get(0).asText()).isEqualTo("roles");
        assertThat(root.path("content").asText()).isEqualTo("<@&42>");
    }
}
