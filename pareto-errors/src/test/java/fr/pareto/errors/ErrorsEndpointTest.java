package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorsEndpointTest {

    private final FakeClock clock = FakeClock.atEpochDay();
    private final ErrorTracker tracker = ErrorTracker.builder().name("endpoint-test").clock(clock)
            .flushOnExit(false).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        tracker.close();
    }

    private void captureTwoGroups() {
        tracker.capture(new IllegalStateException("often"), ErrorContext.of("path", "/a"));
        tracker.capture(new IllegalStateException("often"), ErrorContext.of("path", "/a").with("cookie", "s=1"));
        clock.advance(Duration.ofSeconds(3));
        tracker.capture(new IllegalArgumentException("once"));
    }

    @Test
    void groupsAreListedAsJsonMostFrequentFirst() throws Exception {
        captureTwoGroups();

        EndpointResponse response = ErrorsEndpoint.open(tracker).handle("GET", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("groups")).hasSize(2);
        JsonNode first = body.get("groups").get(0);
        assertThat(first.get("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(first.get("count").asLong()).isEqualTo(2);
        assertThat(first.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(first.get("first_seen").asText()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(first.at("/last_sample/error").asText()).isEqualTo("java.lang.IllegalStateException: often");
        assertThat(first.at("/last_sample/context/path").asText()).isEqualTo("/a");
        assertThat(body.at("/stats/recorded").asLong()).isEqualTo(3);
    }

    @Test
    void recentSortAndLimitAreHonoured() throws Exception {
        captureTwoGroups();

        EndpointResponse response = ErrorsEndpoint.open(tracker).handle("GET", "sort=recent&limit=1", null);

        JsonNode groups = json.readTree(response.body()).get("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("type").asText()).isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void badParametersAndMethodsAreRejected() {
        ErrorsEndpoint endpoint = ErrorsEndpoint.open(tracker);

        assertThat(endpoint.handle("GET", "limit=0", null).status()).isEqualTo(400);
        assertThat(endpoint.handle("GET", "limit=abc", null).body()).isEqualTo("{\"error\":\"invalid limit, give 1 to 1000\"}");
        assertThat(endpoint.handle("GET", "sort=oldest", null).status()).isEqualTo(400);
        assertThat(endpoint.handle("POST", null, null).status()).isEqualTo(405);
    }

    @Test
    void tokenIsRequiredWhenSet() {
        captureTwoGroups();
        ErrorsEndpoint endpoint = ErrorsEndpoint.withToken(tracker, "s3cr3t-token-0123456789");

        EndpointResponse missing = endpoint.handle("GET", null, null);
        EndpointResponse wrong = endpoint.handle("GET", null, "Bearer s3cr3t-token-012345678X");
        EndpointResponse right = endpoint.handle("GET", null, "Bearer s3cr3t-token-0123456789");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"error\":\"unauthorized\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).contains("\"cookie\":\"***\"").doesNotContain("s=1");
    }

    @Test
    void shortTokenIsRejected() {
        assertThatThrownBy(() -> ErrorsEndpoint.withToken(tracker, "short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Errors endpoint token is too short (5 characters): use at least 16 random characters");
    }

    @Test
    void longContextKeysAreCutSoBodiesStayParseable() throws Exception {
        String longKey = "k".repeat(58_768);
        String otherLongKey = "k".repeat(300);
        String emojiKey = "\uD83D\uDE00".repeat(300);
        tracker.capture(new IllegalStateException("long key"), ErrorContext.of(longKey, "v1").with(otherLongKey, "v2")
                .with(emojiKey, "v3").with("short", "v4"));

        EndpointResponse response = ErrorsEndpoint.open(tracker).handle("GET", null, null);

        JsonNode context = json.readTree(response.body()).at("/groups/0/last_sample/context");
        String cut = "k".repeat(256) + "...";
        assertThat(context.get(cut).asText()).isEqualTo("v1");
        assertThat(context.get(cut + "_2").asText()).isEqualTo("v2");
        assertThat(context.get("\uD83D\uDE00".repeat(256) + "...").asText()).isEqualTo("v3");
        assertThat(context.get("short").asText()).isEqualTo("v4");
        assertThat(context.size()).isEqualTo(4);
    }
}
