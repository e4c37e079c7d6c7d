package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HealthResult;
import fr.pareto.health.monitor.Monitor;
import fr.pareto.health.monitor.MonitorService;
import fr.pareto.health.monitor.StatusPage;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile monitor names, titles and check messages on the status page: {@code /status.json}
 * must parse, the HTML page must not carry the name unescaped, and no call may throw. A builder
 * may reject a name or title with an {@link IllegalArgumentException} that explains why.
 */
class StatusPageInputProperties {

    private static int findingsBefore;

    @BeforeContainer
    static void rememberFindings() {
        findingsBefore = Transcript.findings().size();
    }

    @AfterContainer
    static void checkFindings() {
        Transcript.publish();
        Transcript.assertNoFindingsSince(findingsBefore);
    }

    @Property(tries = 100)
    void statusPageStaysValid(@ForAll("names") String name, @ForAll("strings") String title,
            @ForAll("strings") String message) {
        Monitor monitor;
        StatusPage.Builder page;
        try {
            monitor = Monitor.builder(name, HealthCheck.of("probe", () -> HealthResult.error(message)))
                    .interval(Duration.ofMinutes(5))
                    .build();
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            Figures.add("inputs.status_page.names_rejected", 1);
            return;
        }
        try (MonitorService service = MonitorService.builder().monitor(monitor).build()) {
            try {
                page = StatusPage.builder(service).title(title).showDetails(true);
            } catch (IllegalArgumentException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
                page = StatusPage.builder(service).showDetails(true);
            }
            service.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> service.snapshot(monitor.name()).flatMap(snapshot -> snapshot.lastHeartbeat()).isPresent());

            StatusPage statusPage = page.build();
            HealthResponse json = statusPage.respond(HealthRequest.get("/status.json"));
            HealthResponse html = statusPage.respond(HealthRequest.get("/status"));

            Transcript.add(Transcript.Kind.HEALTH_BODY, json.bodyText());
            Transcript.add(Transcript.Kind.HEALTH_BODY, html.bodyText());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(html.statusCode()).isEqualTo(200);
            JsonNode body = StrictJson.parse("status.json", json.body());
            assertThat(body.toString()).contains("monitors");
            if (name.contains("<")) {
                assertThat(html.bodyText()).doesNotContain(name);
            }
        }
        Figures.add("inputs.status_page.monitors", 1);
    }

    @Provide
    Arbitrary<String> names() {
        return Inputs.strings().filter(name -> name.length() <= 256);
    }

    @Provide
    Arbitrary<String> strings() {
        return Inputs.strings();
    }
}
