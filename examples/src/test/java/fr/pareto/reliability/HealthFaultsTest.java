package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.pareto.examples.testing.StubDataSource;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthStatus;
import fr.pareto.health.StatusChange;
import fr.pareto.health.httpserver.HealthHttpHandler;
import fr.pareto.health.jdbc.DataSourceCheck;
import fr.pareto.health.redis.RedisCheck;
import fr.pareto.logging.test.CapturedEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health checks against real PostgreSQL and Redis: a probe storm that must cost the database
 * one validation per time-to-live, and both servers killed and started again while a prober
 * polls {@code /health/detailed}. The endpoint must answer every probe, report each outage once
 * with its reason (one status change, one WARN event), and turn {@code ok} again by itself.
 */
@ExtendWith(ScannedOutput.class)
class HealthFaultsTest {

    private static EmbeddedStores stores;

    @BeforeAll
    static void startStores() throws Exception {
        stores = EmbeddedStores.start();
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @Test
    void probeStormValidatesTheDatabaseOncePerTtl() throws Exception {
        int probes = Integer.getInteger("reliability.probe.requests", 1000);
        Duration ttl = Duration.ofSeconds(5);
        CountingDataSource database = new CountingDataSource(stores.jdbcUrlWithPassword());
        try (HealthRegistry registry = HealthRegistry.builder()
                .register(DataSourceCheck.builder(database).name("database").build())
                .cacheTtl(ttl)
                .build()) {
            HttpServer server = serve(registry);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
            ExecutorService callers = Executors.newFixedThreadPool(50);
            AtomicInteger ok = new AtomicInteger();
            try {
                long started = System.nanoTime();
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < probes; i++) {
                    calls.add(callers.submit(() -> {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                        Transcript.add(Transcript.Kind.HEALTH_BODY, response.body());
                        if (response.statusCode() == 200
                                && StrictJson.parse("health body", response.body()).path("status").asText().equals("ok")) {
                            ok.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get(2, TimeUnit.MINUTES);
                }
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                long ttlWindows = 1 + elapsedMillis / ttl.toMillis();

                Figures.set("health.probe_storm.requests", probes);
                Figures.set("health.probe_storm.answered_ok", ok.get());
                Figures.set("health.probe_storm.database_validations", database.connections());
                Figures.set("health.probe_storm.ttl_windows", ttlWindows);
                Figures.set("health.probe_storm.millis", elapsedMillis);
                assertThat(ok.get()).isEqualTo(probes);
                assertThat(database.connections()).isBetween(1, (int) ttlWindows);
            } finally {
                callers.shutdownNow();
                server.stop(0);
            }
        }
    }

    @Test
    void killedStoresAreReportedOnceAndRecoverByThemselves() throws Exception {
        List<StatusChange> changes = new CopyOnWriteArrayList<>();
        HikariDataSource pool = pool(stores.jdbcUrlWithPassword());
        try (HealthRegistry registry = HealthRegistry.builder()
                .register(DataSourceCheck.builder(pool).name("database").timeout(Duration.ofSeconds(1)).build())
                .register(RedisCheck.builder(stores.redisUrlWithPassword()).name("redis").timeout(Duration.ofSeconds(1)).build())
                .cacheTtl(Duration.ofMillis(250))
                .listener(changes::add)
                .build()) {
            HttpServer server = serve(registry);
            URI detailed = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/detailed");
            try (HealthProber prober = new HealthProber(detailed, Canaries.AUTHORIZATION)) {
                awaitStatus(prober, "database", "ok");
                awaitStatus(prober, "redis", "ok");

                stores.killPostgres();
                awaitStatus(prober, "database", "error");
                String databaseReason = prober.checkMessage("database");
                awaitMoreProbes(prober, 25);
                stores.startPostgres();
                awaitStatus(prober, "database", "ok");

                stores.killRedis();
                awaitStatus(prober, "redis", "error");
                String redisReason = prober.checkMessage("redis");
                awaitMoreProbes(prober, 25);
                stores.startRedis();
                awaitStatus(prober, "redis", "ok");
                awaitMoreProbes(prober, 5);

                Figures.add("faults.postgres_killed", 1);
                Figures.add("faults.redis_killed", 1);
                Figures.set("health.faults.probes_answered", prober.answered());
                Figures.set("health.faults.probes_answered_503", prober.unavailable());
                Figures.set("health.faults.probes_unanswered", prober.unanswered());
                assertThat(prober.unanswered()).as("probes without an HTTP answer").isZero();
                assertThat(prober.unavailable()).as("probes answered 503 during the outages").isPositive();
                assertThat(databaseReason).as("reason of the database outage").isNotBlank();
                assertThat(redisReason).as("reason of the Redis outage").isNotBlank();
                assertThat(transitions(changes, "database")).containsExactly("none>ok", "ok>error", "error>ok");
                assertThat(transitions(changes, "redis")).containsExactly("none>ok", "ok>error", "error>ok");
                assertThat(outageWarnings("database")).hasSize(1);
                assertThat(outageWarnings("redis")).hasSize(1);
            } finally {
                server.stop(0);
                pool.close();
            }
        }
    }

    private static HttpServer serve(HealthRegistry registry) throws IOException {
        HealthEndpoint endpoint = HealthEndpoint.builder(registry).token(Canaries.AUTHORIZATION).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/health", new HealthHttpHandler(endpoint));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        return server;
    }

    private static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("reliability-db");
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static void awaitStatus(HealthProber prober, String check, String status) {
        await().atMost(Duration.ofSeconds(90)).until(() -> prober.checkStatus(check).equals(status));
    }

    private static void awaitMoreProbes(HealthProber prober, int probes) {
        long target = prober.answered() + probes;
        await().atMost(Duration.ofSeconds(60)).until(() -> prober.answered() >= target);
    }

    private static List<String> transitions(List<StatusChange> changes, String check) {
        return changes.stream()
                .filter(change -> change.check().equals(check))
                .map(change -> change.previous().map(HealthStatus::jsonName).orElse("none") + ">" + change.current().jsonName())
                .toList();
    }

    private static List<CapturedEvent> outageWarnings(String check) {
        return ScannedOutput.capture().events().stream()
                .filter(event -> event.logger().startsWith("fr.pareto.health"))
                .filter(event -> event.level().equals("warn") || event.level().equals("error"))
                .filter(event -> event.message().contains(check))
                .toList();
    }

    /** A data source that opens a new connection on every call and counts the calls. */
    private static final class CountingDataSource extends StubDataSource {
        private final String url;
        private final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(String url) {
            this.url = url;
        }

        int connections() {
            return connections.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return DriverManager.getConnection(url);
        }
    }
}
