package fr.pareto.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.pareto.health.httpserver.HealthHttpHandler;
import fr.pareto.health.jdbc.DataSourceCheck;
import fr.pareto.health.redis.RedisCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The health cases, each served over HTTP by the JDK server against real PostgreSQL and Redis. */
class HealthCasesTest {

    private static final String TOKEN = "cases-token-0123456789";

    private static EmbeddedPostgresServer postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final CountDownLatch release = new CountDownLatch(1);
    private HealthRegistry registry;
    private HttpServer server;

    @BeforeAll
    static void startDependencies() throws IOException {
        postgres = EmbeddedPostgresServer.start();
        redisPort = TestPorts.closedPort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        try (Connection connection = postgres.adminDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE products AS SELECT generate_series(1, 200000) AS id");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopDependencies() throws IOException {
        redis.stop();
        postgres.close();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        if (registry != null) {
            registry.close();
        }
    }

    private String serve(HealthRegistry.Builder builder) throws IOException {
        registry = builder.build();
        HealthEndpoint endpoint = HealthEndpoint.builder(registry).token(TOKEN).build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "health-cases-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/health", new HealthHttpHandler(endpoint));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    private static HttpResponse<String> get(String url, String... token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token.length > 0) {
            request.header("Authorization", "Bearer " + token[0]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HealthCheck database(javax.sql.DataSource dataSource) {
        return DataSourceCheck.builder(dataSource).build();
    }

    private static HealthCheck redisCheck() {
        return RedisCheck.builder("redis://127.0.0.1:" + redisPort).build();
    }

    @Test
    void downMeans503() throws Exception {
        String url = serve(HealthRegistry.builder()
                .register(redisCheck())
                .register(HealthCheck.of("scraper", () -> HealthResult.error("last scrape failed"))));

        HttpResponse<String> response = get(url);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"checks\":{\"redis\":\"ok\",\"scraper\":\"error\"}}");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void databaseOnClosedPortMeans503() throws Exception {
        UrlDataSource closed = UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + TestPorts.closedPort() + "/app");
        String url = serve(HealthRegistry.builder().register(database(closed)).register(redisCheck()));

        HttpResponse<String> response = get(url);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\"}}");
    }

    @Test
    void databaseStoppedMeans503AndRecovers() throws Exception {
        try (EmbeddedPostgresServer own = EmbeddedPostgresServer.start()) {
            String url = serve(HealthRegistry.builder().cacheTtl(Duration.ZERO).register(database(own.adminDataSource())));
            assertThat(get(url).statusCode()).isEqualTo(200);

            own.stop();
            HttpResponse<String> stopped = get(url);
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.body()).isEqualTo("{\"status\":\"error\",\"checks\":{\"database\":\"error\"}}");

            own.startAgain();
            assertThat(get(url).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void hangingCheckTimesOutAndOthersAreUnaffected() throws Exception {
        String url = serve(HealthRegistry.builder()
                .timeout(Duration.ofSeconds(2))
                .register(database(postgres.adminDataSource()))
                .register(HealthCheck.of("search", () -> {
                    release.await();
                    return HealthResult.ok();
                })));

        long start = System.nanoTime();
        HttpResponse<String> response = get(url, TOKEN);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .startsWith("{\"status\":\"error\",\"checks\":{\"database\":\"ok\",\"search\":\"error\"}")
                .contains("\"message\":\"timed out after 2 s\"");
        // The bound is 2 s; the margin is wide because the machine is shared. JMH measures it closely.
        assertThat(elapsed).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
    }

    @Test
    void checksRunInParallelInStableOrder() throws Exception {
        HealthRegistry.Builder builder = HealthRegistry.builder().cacheTtl(Duration.ZERO).timeout(Duration.ofSeconds(10));
        for (String name : List.of("zeta", "alpha", "mid")) {
            builder.register(HealthCheck.of(name, () -> {
                Thread.sleep(1000); // the slow dependency being simulated, not a wait
                return HealthResult.ok();
            }));
        }
        String url = serve(builder);

        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(url);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"zeta\":\"ok\",\"alpha\":\"ok\",\"mid\":\"ok\"}}");
            assertThat(elapsed).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void livenessDoesNotFollowDependencies() throws Exception {
        UrlDataSource closed = UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + TestPorts.closedPort() + "/app");
        String url = serve(HealthRegistry.builder().register(database(closed)).register(redisCheck()));

        assertThat(get(url + "/live").statusCode()).isEqualTo(200);
        assertThat(get(url + "/ready").statusCode()).isEqualTo(503);
        assertThat(get(url).statusCode()).isEqualTo(503);
    }

    @Test
    void probeStormValidatesOncePerCachePeriod() throws Exception {
        CountingDataSource counting = new CountingDataSource(postgres.adminDataSource());
        String url = serve(HealthRegistry.builder().cacheTtl(Duration.ofSeconds(60)).register(database(counting)));

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            responses.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }

        assertThat(counting.connections()).isEqualTo(1);
    }

    @Test
    void probeStormCachesFailuresToo() throws Exception {
        UrlDataSource closed = UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + TestPorts.closedPort() + "/app");
        CountingDataSource counting = new CountingDataSource(closed);
        String url = serve(HealthRegistry.builder().cacheTtl(Duration.ofSeconds(60)).register(database(counting)));

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            responses.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(503);
        }

        assertThat(counting.connections()).isEqualTo(1);
    }

    @Test
    void anonymousCallersSeeOnlyTheVerdict() throws Exception {
        UrlDataSource closed = UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + TestPorts.closedPort() + "/app?password=pw-in-url-123");
        String url = serve(HealthRegistry.builder()
                .register(database(closed))
                .register(redisCheck())
                .register(DiskSpaceCheck.builder(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).minFreeBytes(0).build()));

        String anonymous = get(url).body();
        String withToken = get(url, TOKEN).body();

        assertThat(anonymous).isEqualTo("{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\",\"disk\":\"ok\"}}");
        assertThat(withToken).contains("\"details\"").contains("127.0.0.1").contains("free_bytes").doesNotContain("pw-in-url-123");
    }

    @Test
    void quickEndpointNeverRunsGauges() throws Exception {
        CountingDataSource counting = new CountingDataSource(postgres.adminDataSource());
        AtomicInteger countRuns = new AtomicInteger();
        String url = serve(HealthRegistry.builder()
                .cacheTtl(Duration.ofSeconds(1))
                .register(database(counting))
                .gauge("products", () -> {
                    countRuns.incrementAndGet();
                    try (Connection connection = postgres.adminDataSource().getConnection();
                            Statement statement = connection.createStatement();
                            var rows = statement.executeQuery("SELECT count(*) FROM products")) {
                        rows.next();
                        return rows.getLong(1);
                    }
                }));

        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            assertThat(get(url).statusCode()).isEqualTo(200);
        }
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        assertThat(countRuns).hasValue(0);
        // One validation per started second of the loop, plus the first.
        assertThat(counting.connections()).isLessThanOrEqualTo((int) elapsedSeconds + 2);

        HttpResponse<String> detailed = get(url + "/detailed", TOKEN);
        assertThat(detailed.body()).contains("\"metrics\":{\"products\":200000}");
        assertThat(countRuns).hasValue(1);
    }
}
