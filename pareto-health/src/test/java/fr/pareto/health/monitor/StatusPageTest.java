package fr.pareto.health.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The status page's HTML and JSON, rendered from monitors on a fake clock. */
class StatusPageTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeScheduler scheduler = new FakeScheduler(START);
    private final ScriptedCheck api = new ScriptedCheck(scheduler);
    private final ScriptedCheck database = new ScriptedCheck(scheduler);
    private MonitorService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private void startMonitors(String firstName, String firstTarget) {
        service = MonitorService.builder()
                .monitor(Monitor.builder(firstName, api).target(firstTarget).downAfter(3).build())
                .monitor(Monitor.builder("PostgreSQL", database).target("postgres:5432").downAfter(3).build())
                .scheduler(scheduler)
                .build();
        service.start();
        api.takes(Duration.ofMillis(42));
        database.fail("connection refused by postgres:5432");
        scheduler.advance(Duration.ofMinutes(10));
    }

    @Test
    void htmlShowsEveryMonitorAndStatus() {
        startMonitors("API Health", "http://api:8080/health");

        HealthResponse response = StatusPage.builder(service).title("Pareto status").build().respond(HealthRequest.get("/status"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store")
                .containsKey("Content-Security-Policy");
        String html = response.bodyText();
        assertThat(html).contains("<title>Pareto status</title>")
                .contains("<meta http-equiv=\"refresh\" content=\"30\">")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("<span class=\"name\">API Health</span><span class=\"badge up\">UP</span>")
                .contains("<span class=\"name\">PostgreSQL</span><span class=\"badge down\">DOWN</span>")
                .contains("1 of 2 monitors down")
                .contains("24 h <b>100%</b>")
                .contains("response <b>42 ms</b>")
                .contains("Down since 2026-12-01 08:00:00 UTC (10 min, 11 failed checks)");
        assertThat(html.split("class=\"beat up\"", -1)).hasSize(12);
    }

    @Test
    void htmlIsSelfContained() {
        startMonitors("API Health", "http://api:8080/health");

        String html = StatusPage.builder(service).build().respond(HealthRequest.get("/status")).bodyText();

        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("url(").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void userStringsAreEscaped() {
        startMonitors("<script>alert('x')</script> & \"API\"", "http://api:8080/health");

        StatusPage page = StatusPage.builder(service).title("<b>Pareto</b>").showDetails(true).build();
        String html = page.respond(HealthRequest.get("/status")).bodyText();

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>Pareto</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;API&quot;")
                .contains("<title>&lt;b&gt;Pareto&lt;/b&gt;</title>");
    }

    @Test
    void targetsAndMessagesOnlyWithDetails() {
        startMonitors("API Health", "http://user:pw@api:8080/health?token=abc");

        String hidden = StatusPage.builder(service).build().respond(HealthRequest.get("/status")).bodyText();
        String shown = StatusPage.builder(service).showDetails(true).build().respond(HealthRequest.get("/status")).bodyText();

        assertThat(hidden).doesNotContain("api:8080").doesNotContain("connection refused");
        assertThat(shown).contains("http://***@api:8080/health?token=***")
                .contains("postgres:5432 &middot; connection refused by postgres:5432")
                .doesNotContain("pw@").doesNotContain("abc");
    }

    @Test
    void jsonHasSameData() throws Exception {
        startMonitors("API Health", "http://api:8080/health");

        HealthResponse response = StatusPage.builder(service).heartbeats(5).build().respond(HealthRequest.get("/status.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("time").asText()).isEqualTo("2026-12-01T08:10:00.042Z");
        JsonNode first = root.path("monitors").get(0);
        assertThat(first.path("name").asText()).isEqualTo("API Health");
        assertThat(first.path("status").asText()).isEqualTo("up");
        assertThat(first.path("uptime_24h").asDouble()).isEqualTo(1.0);
        assertThat(first.path("average_response_ms").asLong()).isEqualTo(42);
        assertThat(first.path("incident").isNull()).isTrue();
        assertThat(first.has("target")).isFalse();
        assertThat(first.path("heartbeats")).hasSize(5);
        JsonNode second = root.path("monitors").get(1);
        assertThat(second.path("status").asText()).isEqualTo("down");
        assertThat(second.path("uptime_24h").asDouble()).isCloseTo(2.0 / 11, within(1e-9));
        assertThat(second.path("p95_response_ms").isNull()).isTrue();
        assertThat(second.path("incident").path("failed_checks").asInt()).isEqualTo(11);
        assertThat(second.path("incident").path("start").asText()).isEqualTo("2026-12-01T08:00:00.042Z");
    }

    @Test
    void otherMethodsGet405() {
        startMonitors("API Health", "http://api:8080/health");

        HealthResponse response = StatusPage.builder(service).build().respond(HealthRequest.of("POST", "/status", null));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
    }

    @Test
    void concurrentRequestsRunNoCheck() throws Exception {
        startMonitors("API Health", "http://api:8080/health");
        int checksBefore = api.starts().size() + database.starts().size();
        StatusPage page = StatusPage.builder(service).build();

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String path = i % 2 == 0 ? "/status" : "/status.json";
                calls.add(() -> page.respond(HealthRequest.get(path)).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(api.starts().size() + database.starts().size()).isEqualTo(checksBefore);
    }
}
