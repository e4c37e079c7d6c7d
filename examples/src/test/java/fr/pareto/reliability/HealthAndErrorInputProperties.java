package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.ErrorsEndpoint;
import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthFormat;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import fr.pareto.logging.test.LogCapture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Hostile check names, messages, details and request values through the health registry and
 * endpoint, and hostile exception messages and contexts through the error tracker and its
 * endpoint. Every body and every {@code error tracked} event must parse as JSON without a
 * repeated key, and no call may throw; the only exceptions allowed are the documented
 * {@link IllegalArgumentException}s of builders, with a message that names the bad value.
 */
class HealthAndErrorInputProperties {

    private static final Set<Integer> HEALTH_STATUS_CODES = Set.of(200, 401, 404, 405, 503);
    private static final String TOKEN = "health-token-for-properties";

    private static ErrorTracker tracker;
    private LogCapture capture;

    private static int findingsBefore;

    @BeforeContainer
    static void startTracker() {
        findingsBefore = Transcript.findings().size();
        tracker = ErrorTracker.builder().name("reliability-properties").flushOnExit(false).build();
    }

    @AfterContainer
    static void stopTracker() {
        tracker.close();
        Transcript.publish();
        Transcript.assertNoFindingsSince(findingsBefore);
    }

    @BeforeProperty
    void startCapture() {
        capture = LogCapture.start();
    }

    @AfterProperty
    void stopCapture() {
        capture.close();
    }

    @Property(tries = 250)
    void healthBodiesStayValidJson(@ForAll("names") String name, @ForAll("outcomes") String outcome,
            @ForAll("strings") String message, @ForAll("names") String detailKey, @ForAll("values") Object generated,
            @ForAll("strings") String path, @ForAll("strings") String authorization) {
        Object detail = Inputs.materialize(generated);
        HealthCheck check;
        try {
            check = HealthCheck.of(name, () -> probe(outcome, message, detailKey, detail));
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            Figures.add("inputs.health.names_rejected", 1);
            return;
        }
        try (HealthRegistry registry = HealthRegistry.builder()
                .register(check)
                .gauge("gauge", () -> detail)
                .timeout(Duration.ofSeconds(2))
                .threads(2)
                .build()) {
            HealthEndpoint endpoint = HealthEndpoint.builder(registry).token(TOKEN).build();
            HealthEndpoint ietf = HealthEndpoint.builder(registry).format(HealthFormat.IETF).publicDetails(true).build();
            List<HealthRequest> requests = List.of(
                    HealthRequest.get(""),
                    HealthRequest.get("/detailed").withBearerToken(TOKEN),
                    HealthRequest.get("/ready").withBearerToken(TOKEN),
                    HealthRequest.of("GET", path, authorization),
                    HealthRequest.of(message, "/" + path, "Bearer " + authorization));
            for (HealthRequest request : requests) {
                checkResponse(endpoint.respond(request));
                checkResponse(ietf.respond(request));
            }
        }
        checkLogLines();
        Figures.add("inputs.health.checks", 1);
    }

    private static void checkResponse(HealthResponse response) {
        {
            {

                assertThat(HEALTH_STATUS_CODES).contains(response.statusCode());
                Transcript.add(Transcript.Kind.HEALTH_BODY, response.bodyText());
                if (!response.bodyText().isEmpty()) {
                    StrictJson.parse("health body", response.body());
                }
            }
        }
    }

    @Property(tries = 50)
    void healthBodiesWithLongKeysStayReadable(@ForAll("longNames") String name, @ForAll("longNames") String detailKey) {
        healthBodiesStayValidJson(name, "error", "message", "key", "value", "/", "");
        healthBodiesStayValidJson("database", "error", "message", detailKey, "value", "/", "");
    }

    @Property(tries = 300)
    void errorEventsStayValidJson(@ForAll("throwables") Throwable error, @ForAll("contexts") Map<String, String> context,
            @ForAll("strings") String rawQuery, @ForAll("strings") String authorization) {
        capture.clear();

        tracker.capture(error, ErrorContext.of(context));

        List<JsonNode> events = checkLogLines();
        List<JsonNode> tracked = events.stream().filter(event -> event.path("message").asText().equals("error tracked")).toList();
        assertThat(tracked).hasSize(1);
        if (!tracked.get(0).has("encoding_error")) {
            assertThat(tracked.get(0).path("error_fingerprint").asText()).isNotBlank();
        }
        for (String line : capture.lines()) {
            Transcript.add(Transcript.Kind.ERROR_EVENT, line);
        }

        EndpointResponse response = ErrorsEndpoint.open(tracker).handle("GET", rawQuery, authorization);
        Transcript.add(Transcript.Kind.ERROR_EVENT, response.body());
        assertThat(response.status()).isIn(200, 400);
        StrictJson.parse("errors body", response.bodyBytes());
        Figures.add("inputs.errors.captures", 1);
    }

    private static HealthResult probe(String outcome, String message, String detailKey, Object detail) throws Exception {
        return switch (outcome) {
            case "ok" -> HealthResult.builder(HealthStatus.OK).message(message).detail(detailKey, detail).build();
            case "degraded" -> HealthResult.builder(HealthStatus.DEGRADED).message(message).detail(detailKey, detail).build();
            case "error" -> HealthResult.builder(HealthStatus.ERROR).message(message).detail(detailKey, detail).build();
            case "throws" -> throw new IllegalStateException(message);
            case "throws error" -> throw new AssertionError(message);
            case "null" -> null;
            default -> throw new Exception(message);
        };
    }

    private List<JsonNode> checkLogLines() {
        List<String> lines = capture.lines();
        Transcript.addAll(Transcript.Kind.LOG_LINE, lines);
        capture.clear();
        return lines.stream().map(line -> StrictJson.parse("log line", line)).toList();
    }

    @Provide
    Arbitrary<String> strings() {
        return Inputs.strings();
    }

    @Provide
    Arbitrary<String> names() {
        return Inputs.strings().filter(name -> name.length() <= 256);
    }

    @Provide
    Arbitrary<String> longNames() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(50_001).ofMaxLength(70_000);
    }

    @Provide
    Arbitrary<Object> values() {
        return Inputs.values();
    }

    @Provide
    Arbitrary<Throwable> throwables() {
        return Inputs.throwables();
    }

    @Provide
    Arbitrary<String> outcomes() {
        return Arbitraries.of("ok", "degraded", "error", "throws", "throws error", "null", "checked");
    }

    @Property(tries = 20)
    void errorBodiesWithLongContextKeysStayReadable(@ForAll("longNames") String key) {
        errorEventsStayValidJson(new IllegalStateException("long key"), Map.of(key, "value"), "", "");
    }

    @Provide
    Arbitrary<Map<String, String>> contexts() {
        return Arbitraries.maps(names().filter(key -> !key.isEmpty()), Inputs.strings())
                .ofMaxSize(8)
                .map(LinkedHashMap::new);
    }
}
