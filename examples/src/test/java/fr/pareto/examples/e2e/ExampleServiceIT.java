package fr.pareto.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.examples.infra.Redis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.embedded.RedisServer;

/**
 * Starts the shaded jar as a process, with embedded PostgreSQL (started by the service), a
 * Redis server that the test controls, and a local stand-in for Discord. The tests then walk
 * through the service's life: every endpoint, the JSON logs, a Redis outage and its recovery,
 * and the ordered shutdown on SIGTERM. They share one process and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleServiceIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final String HEALTH_TOKEN = "e2e-health-token";
    private static final String WEBHOOK_TOKEN = "e2e-webhook-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> discordMessages = new CopyOnWriteArrayList<>();
    private MockWebServer discord;
    private RedisServer redis;
    private ServiceProcess service;
    private URI base;

    @BeforeAll
    void startService() throws IOException {
        discord = new MockWebServer();
        discord.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                discordMessages.add(request.getBody() == null ? "" : request.getBody().utf8());
                return new MockResponse.Builder().code(200).body("{\"id\":\"1\"}").build();
            }
        });
        discord.start(InetAddress.getLoopbackAddress(), 0);

        int redisPort = Redis.freeLoopbackPort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();

        int port = Redis.freeLoopbackPort();
        base = URI.create("http://127.0.0.1:" + port);
        service = ServiceProcess.start(Path.of(System.getProperty("example.jar", "target/pareto-example-service.jar")),
                Map.of("PORT", Integer.toString(port),
                        "REDIS_URL", "redis://127.0.0.1:" + redisPort,
                        "PARETO_DISCORD_WEBHOOK_URL", "http://127.0.0.1:" + discord.getPort()
                                + "/api/webhooks/123456/" + WEBHOOK_TOKEN,
                        "PARETO_HEALTH_TOKEN", HEALTH_TOKEN,
                        "PARETO_LOG_FORMAT", "json",
                        "PARETO_MONITOR_INTERVAL", "500ms",
                        "PARETO_METRICS_INTERVAL", "1s",
                        "PARETO_SCRAPE_TIMEOUT", "1s"));
        await("service started").atMost(STARTUP).until(() -> {
            assertThat(service.alive()).as("service process alive\n%s", service.tail()).isTrue();
            return !service.events("service started").isEmpty();
        });
    }

    @AfterAll
    void stopEverything() throws IOException {
        if (service != null) {
            service.close();
            // Kept for reading after a failure; the service writes no secret to its log.
            Files.write(Path.of("target", "example-service-it.log"), service.stdout());
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Test
    @Order(1)
    void productsComeFromDatabaseThenCache() throws Exception {
        HttpResponse<String> first = get("/api/products?limit=5&offset=10");
        HttpResponse<String> second = get("/api/products?limit=5&offset=10");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.get("total").asInt()).isEqualTo(300);
        assertThat(page.get("products")).hasSize(5);
        assertThat(page.at("/products/0/sku").asText()).isEqualTo("SKU-00011");
        assertThat(page.at("/products/0/offers").size()).isBetween(2, 4);
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    @Order(2)
    void badRequestsAreRejectedWithTheFix() throws Exception {
        HttpResponse<String> badLimit = get("/api/products?limit=1000");
        HttpResponse<String> wrongMethod = get("/api/scrape");
        HttpResponse<String> unknown = get("/api/nothing-here");

        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("Invalid limit \\\"1000\\\"").contains("from 1 to 100");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void scrapeReportsEveryFixturePage() throws Exception {
        HttpResponse<String> response = post("/api/scrape");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = JSON.readTree(response.body());
        assertThat(summary.get("attempted").asInt()).isEqualTo(8);
        assertThat(summary.get("succeeded").asInt()).isEqualTo(5);
        assertThat(summary.get("failed").asInt()).isEqualTo(3);
        assertThat(summary.findValuesAsText("error"))
                .contains("HTTP 404", "timed out after 1000 ms")
                .anySatisfy(error -> assertThat(error).startsWith("no price element"));
    }

    @Test
    @Order(4)
    void healthEndpointsAnswerInParetoFormat() throws Exception {
        HttpResponse<String> health = get("/health");
        JsonNode body = JSON.readTree(health.body());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.at("/checks/database").asText()).isEqualTo("ok");
        assertThat(body.at("/checks/redis").asText()).isEqualTo("ok");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/health/scraper").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void detailedHealthAndErrorsNeedTheToken() throws Exception {
        assertThat(get("/health/detailed").statusCode()).isEqualTo(401);
        assertThat(get("/health/detailed", "wrong-token-of-some-length").statusCode()).isEqualTo(401);
        HttpResponse<String> detailed = get("/health/detailed", HEALTH_TOKEN);
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(detailed.body()).contains("database", "redis", "scraper", "products");
        assertThat(detailed.body()).doesNotContain(WEBHOOK_TOKEN);

        assertThat(get("/errors").statusCode()).isEqualTo(401);
        HttpResponse<String> errors = get("/errors", HEALTH_TOKEN);
        assertThat(errors.statusCode()).isEqualTo(200);
        assertThat(errors.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(JSON.readTree(errors.body()).has("groups")).isTrue();
    }

    @Test
    @Order(6)
    void statusPageShowsTheMonitors() throws Exception {
        await("monitors checked once").atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<String> json = get("/status.json");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).contains("API Health", "PostgreSQL", "Redis", "Scraper");
        });
        HttpResponse<String> page = get("/status");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));
        assertThat(page.body()).contains("API Health", "Redis");
    }

    @Test
    @Order(7)
    void scraperHealthFailsBelowTheThreshold() throws Exception {
        // 5 of 8 succeeded so far; three more failures give 5 of 11, under the 50 % threshold.
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> missing = post("/api/scrape?retailer=ferret-electro&sku=SKU-00007");
            assertThat(JSON.readTree(missing.body()).get("failed").asInt()).isEqualTo(1);
        }

        await("scraper health 503").atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(get("/health/scraper").statusCode()).isEqualTo(503));
    }

    @Test
    @Order(8)
    void logsAreJsonWithTheSchemaFields() {
        await("request and metrics events").atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(service.events("request handled")).isNotEmpty();
            assertThat(service.events("catalog metrics")).isNotEmpty();
        });

        for (String line : service.stdout()) {
            assertThat(line).as("every stdout line is one JSON object").startsWith("{").endsWith("}");
        }
        for (JsonNode event : service.events()) {
            assertThat(event.has("time")).isTrue();
            assertThat(event.get("level").asText()).isIn("trace", "debug", "info", "warn", "error");
            assertThat(event.has("message")).isTrue();
            assertThat(event.toString()).doesNotContain(WEBHOOK_TOKEN).doesNotContain(HEALTH_TOKEN);
        }

        JsonNode request = service.events("request handled", event -> event.path("path").asText().equals("/api/products"))
                .get(0);
        assertThat(request.get("module").asText()).isEqualTo("api");
        assertThat(request.get("method").asText()).isEqualTo("GET");
        assertThat(request.get("status").asInt()).isEqualTo(200);
        assertThat(request.get("duration_ms").isNumber()).isTrue();

        List<JsonNode> failures = service.events("scrape failed");
        assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode failure : failures) {
            assertThat(failure.get("level").asText()).isEqualTo("error");
            assertThat(failure.get("module").asText()).isEqualTo("scraper");
            assertThat(failure.get("retailer").asText()).isNotBlank();
            assertThat(failure.get("url").asText()).startsWith("http://127.0.0.1:");
            assertThat(failure.get("error").asText()).isNotBlank();
        }

        JsonNode metrics = service.events("catalog metrics").get(0);
        assertThat(metrics.get("module").asText()).isEqualTo("catalog");
        assertThat(metrics.get("products").asInt()).isEqualTo(300);
        assertThat(metrics.get("offers").asInt()).isGreaterThanOrEqualTo(600);
        assertThat(metrics.get("db_connections_active").isNumber()).isTrue();
    }

    @Test
    @Order(9)
    void redisOutageTurnsHealthRedAndAlertsDiscord() throws Exception {
        redis.stop();

        await("health 503").atMost(EVENTUALLY).untilAsserted(() -> {
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).at("/checks/redis").asText()).isEqualTo("error");
        });
        await("DOWN alert on Discord").atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(discordMessages).anySatisfy(
                        message -> assertThat(message).contains("Redis is down")));
        assertThat(get("/api/products?limit=3").statusCode()).as("products still served from PostgreSQL").isEqualTo(200);

        redis.start();

        await("health 200 again").atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(get("/health").statusCode()).isEqualTo(200));
        await("recovery alert on Discord").atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(discordMessages).anySatisfy(
                        message -> assertThat(message).contains("Redis is up")));
    }

    @Test
    @Order(10)
    void sigtermStopsComponentsInOrder() throws Exception {
        int exit = service.stop(Duration.ofSeconds(60));

        // 143 is 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
        assertThat(exit).as("exit status\n%s", service.tail()).isEqualTo(143);
        List<String> stopped = service.events("component stopped").stream()
                .map(event -> event.get("component").asText())
                .toList();
        assertThat(stopped).as("components stopped\n%s", service.tail()).containsSubsequence("uptime monitors", "alert delivery", "http server", "redis", "postgresql");
        assertThat(service.events("service stopped")).hasSize(1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
