package fr.pareto.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    private static final String TOKEN = "0123456789abcdef0123";

    private final AtomicInteger gaugeRuns = new AtomicInteger();
    private HealthRegistry registry;

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private HealthEndpoint endpoint(HealthResult database, HealthResult redis) {
        registry = HealthRegistry.builder()
                .register(HealthCheck.of("database", () -> database))
                .register(HealthCheck.of("redis", () -> redis))
                .gauge("products", () -> {
                    gaugeRuns.incrementAndGet();
                    return 1234;
                })
                .build();
        return HealthEndpoint.builder(registry).token(TOKEN).build();
    }

    @Test
    void okBodyMatchesTheGoServices() {
        HealthResponse response = endpoint(HealthResult.ok(), HealthResult.ok()).respond(HealthRequest.get("/"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"}}");
    }

    @Test
    void downAnswers503() {
        HealthResponse response = endpoint(HealthResult.error("connection refused"), HealthResult.ok())
                .respond(HealthRequest.get(""));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\"}}");
    }

    @Test
    void longNamesAndDetailKeysAreCapped() throws Exception {
        String prefix = "n".repeat(60_000);
        HealthResult withLongKey = HealthResult.builder(HealthStatus.OK).detail("k".repeat(70_000), 1).build();
        registry = HealthRegistry.builder()
                .register(HealthCheck.of(prefix + "a", () -> withLongKey))
                .register(HealthCheck.of(prefix + "b", HealthResult::ok))
                .build();

        String body = HealthEndpoint.builder(registry).publicDetails(true).build().respond(HealthRequest.get("")).bodyText();

        // Jackson's default parser rejects names over 50,000 characters, so parsing is the check.
        JsonNode json = new ObjectMapper().readTree(body);
        String capped = "n".repeat(256) + "...";
        assertThat(json.get("checks").has(capped)).isTrue();
        assertThat(json.get("checks").has(capped + "_2")).isTrue();
        assertThat(json.get("details").get(capped).get("details").has("k".repeat(256) + "...")).isTrue();
    }

    @Test
    void degradedAnswers200() {
        registry = HealthRegistry.builder()
                .register(HealthCheck.of("database", HealthResult::ok))
                .register(HealthCheck.of("redis", () -> HealthResult.error("down")), CheckOptions.defaults().nonCritical())
                .build();

        HealthResponse response = HealthEndpoint.builder(registry).build().respond(HealthRequest.get(""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"degraded\",\"checks\":{\"database\":\"ok\",\"redis\":\"error\"}}");
    }

    @Test
    void anonymousCallersSeeOnlyTheVerdict() {
        HealthResult detailed = HealthResult.builder(HealthStatus.ERROR)
                .message("connection refused by db.internal:5432")
                .detail("host", "db.internal")
                .detail("version", "PostgreSQL 16.2")
                .build();
        HealthEndpoint endpoint = endpoint(detailed, HealthResult.ok());

        String body = endpoint.respond(HealthRequest.get("")).bodyText();
        String wrongToken = endpoint.respond(HealthRequest.get("").withBearerToken("not-the-token-at-all")).bodyText();

        for (String anonymous : new String[] {body, wrongToken}) {
            assertThat(anonymous).isEqualTo("{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\"}}");
        }
    }

    @Test
    void tokenHoldersSeeDetails() {
        HealthResult detailed = HealthResult.builder(HealthStatus.ERROR).message("connection refused").detail("port", 5432).build();

        String body = endpoint(detailed, HealthResult.ok()).respond(HealthRequest.get("").withBearerToken(TOKEN)).bodyText();

        assertThat(body).startsWith("{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\"},\"details\":{")
                .contains("\"database\":{\"status\":\"error\",\"critical\":true,\"duration_ms\":")
                .contains("\"message\":\"connection refused\",\"details\":{\"port\":5432}}");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        HealthEndpoint endpoint = endpoint(HealthResult.ok(), HealthResult.ok());

        String body = endpoint.respond(HealthRequest.of("GET", "", "bearer " + TOKEN)).bodyText();

        assertThat(body).contains("\"details\"");
    }

    @Test
    void publicDetailsShowThemToEveryone() {
        registry = HealthRegistry.builder().register(HealthCheck.of("database", () -> HealthResult.ok("fine"))).build();

        String body = HealthEndpoint.builder(registry).publicDetails(true).build().respond(HealthRequest.get("")).bodyText();

        assertThat(body).contains("\"message\":\"fine\"");
    }

    @Test
    void ietfFormatUsesPassWarnFail() {
        registry = HealthRegistry.builder()
                .register(HealthCheck.of("database", HealthResult::ok))
                .register(HealthCheck.of("redis", () -> HealthResult.error("down")), CheckOptions.defaults().nonCritical())
                .build();
        HealthEndpoint endpoint = HealthEndpoint.builder(registry).format(HealthFormat.IETF).token(TOKEN).build();

        HealthResponse anonymous = endpoint.respond(HealthRequest.get(""));
        HealthResponse detailed = endpoint.respond(HealthRequest.get("").withBearerToken(TOKEN));

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.contentType()).isEqualTo("application/health+json");
        assertThat(anonymous.bodyText())
                .isEqualTo("{\"status\":\"warn\",\"checks\":{\"database\":[{\"status\":\"pass\"}],\"redis\":[{\"status\":\"fail\"}]}}");
        assertThat(detailed.bodyText()).contains("\"output\":\"down\"").contains("\"observedUnit\":\"ms\"");
    }

    @Test
    void ietfFailAnswers503() {
        registry = HealthRegistry.builder().register(HealthCheck.of("database", () -> HealthResult.error("down"))).build();

        HealthResponse response = HealthEndpoint.builder(registry).format(HealthFormat.IETF).build().respond(HealthRequest.get(""));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyText()).startsWith("{\"status\":\"fail\"");
    }

    @Test
    void groupsAreSubPaths() {
        HealthEndpoint endpoint = endpoint(HealthResult.error("down"), HealthResult.ok());

        assertThat(endpoint.respond(HealthRequest.get("/live")).statusCode()).isEqualTo(200);
        assertThat(endpoint.respond(HealthRequest.get("/live")).bodyText()).isEqualTo("{\"status\":\"ok\",\"checks\":{}}");
        assertThat(endpoint.respond(HealthRequest.get("/ready/")).statusCode()).isEqualTo(503);
        assertThat(endpoint.respond(HealthRequest.get("/unknown")).statusCode()).isEqualTo(404);
        assertThat(endpoint.respond(HealthRequest.get("/unknown")).headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void detailedNeedsTheToken() {
        HealthEndpoint endpoint = endpoint(HealthResult.ok(), HealthResult.ok());

        HealthResponse anonymous = endpoint.respond(HealthRequest.get("/detailed"));
        HealthResponse wrong = endpoint.respond(HealthRequest.get("/detailed").withBearerToken("xxxxxxxxxxxxxxxxxxxx"));
        HealthResponse allowed = endpoint.respond(HealthRequest.get("/detailed").withBearerToken(TOKEN));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.bodyText()).contains("\"metrics\":{\"products\":1234}");
        assertThat(gaugeRuns).hasValue(1);
    }

    @Test
    void detailedIsHiddenWithoutToken() {
        registry = HealthRegistry.builder().gauge("products", () -> 1).build();

        HealthResponse response = HealthEndpoint.builder(registry).build().respond(HealthRequest.get("/detailed"));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void failedGaugeIsNullWithReason() {
        registry = HealthRegistry.builder()
                .gaugeTimeout(Duration.ofMillis(200))
                .gauge("offers", () -> {
                    throw new IllegalStateException("relation \"offers\" does not exist");
                })
                .build();

        String body = HealthEndpoint.builder(registry).token(TOKEN).build()
                .respond(HealthRequest.get("/detailed").withBearerToken(TOKEN)).bodyText();

        assertThat(body).contains("\"metrics\":{\"offers\":null}")
                .contains("\"metric_errors\":{\"offers\":\"IllegalStateException: relation \\\"offers\\\" does not exist\"}");
    }

    @Test
    void plainHealthNeverRunsGauges() {
        HealthEndpoint endpoint = endpoint(HealthResult.ok(), HealthResult.ok());

        for (int i = 0; i < 50; i++) {
            endpoint.respond(HealthRequest.get(""));
            endpoint.respond(HealthRequest.get("/ready").withBearerToken(TOKEN));
        }

        assertThat(gaugeRuns).hasValue(0);
    }

    @Test
    void otherMethodsAre405() {
        HealthResponse response = endpoint(HealthResult.ok(), HealthResult.ok()).respond(HealthRequest.of("POST", "", null));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void unwritableDetailFallsBackToVerdict() {
        registry = HealthRegistry.builder()
                .register(HealthCheck.of("odd", () -> HealthResult.builder(HealthStatus.OK).detail("self", new Object() {
                    public Object getSelf() {
                        return this;
                    }
                }).build()))
                .build();

        HealthResponse response = HealthEndpoint.builder(registry).publicDetails(true).build().respond(HealthRequest.get(""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"odd\":\"ok\"}}");
    }

    @Test
    void shortTokenIsRejectedWithoutShowingIt() {
        registry = HealthRegistry.builder().build();

        assertThatThrownBy(() -> HealthEndpoint.builder(registry).token("hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("hunter2");
    }
}
