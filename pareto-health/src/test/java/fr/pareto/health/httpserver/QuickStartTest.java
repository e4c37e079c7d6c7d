package fr.pareto.health.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.pareto.health.EmbeddedPostgresServer;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.TestPorts;
import fr.pareto.health.jdbc.DataSourceCheck;
import fr.pareto.health.redis.RedisCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The README's quick start, line for line, against real PostgreSQL and Redis. */
class QuickStartTest {

    @Test
    void readmeQuickStartServesThreePaths() throws Exception {
        int redisPort = TestPorts.closedPort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
            DataSource dataSource = postgres.adminDataSource();
            String redisUrl = "redis://127.0.0.1:" + redisPort;

            HealthRegistry registry = HealthRegistry.builder()
                    .register(DataSourceCheck.builder(dataSource).name("database").build())
                    .register(RedisCheck.builder(redisUrl).name("redis").build())
                    .build();
            HealthEndpoint health = HealthEndpoint.builder(registry)
                    .token(Optional.ofNullable(System.getenv("PARETO_HEALTH_TOKEN_UNSET_IN_TESTS")))
                    .build();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", new HealthHttpHandler(health));
            server.start();
            try {
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                HttpClient client = HttpClient.newHttpClient();
                for (String path : new String[] {"/health", "/health/ready"}) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"}}");
                }
                HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(live.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{}}");
            } finally {
                server.stop(0);
                registry.close();
            }
        } finally {
            redis.stop();
        }
    }
}
