package fr.pareto.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.examples.infra.Redis;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starts the service on a PostgreSQL it did not start, named by {@code DATABASE_URL}. */
class ExternalServersIT {

    private static final Path JAR = Path.of(System.getProperty("example.jar", "target/pareto-example-service.jar"));
    private static final String PASSWORD = "external-db-password";

    @Test
    void databaseUrlIsUsedInsteadOfEmbeddedPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            int port = Redis.freeLoopbackPort();
            // The embedded server trusts loopback connections, so any password is accepted.
            Map<String, String> env = Map.of(
                    "PORT", Integer.toString(port),
                    "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                    "DATABASE_USER", "postgres",
                    "DATABASE_PASSWORD", PASSWORD);

            try (ServiceProcess service = ServiceProcess.start(JAR, env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    assertThat(service.alive()).as("service alive\n%s", service.tail()).isTrue();
                    return !service.events("service started").isEmpty();
                });
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(health.body()).at("/checks/database").asText()).isEqualTo("ok");
                assertThat(service.events("database connected").get(0).get("database").asText())
                        .isEqualTo("127.0.0.1:" + postgres.getPort());
                assertThat(service.events("catalog generated")).hasSize(1);
                assertThat(service.stop(Duration.ofSeconds(60))).isEqualTo(143);
                assertThat(String.join("\n", service.stdout())).doesNotContain(PASSWORD);
            }

            try (var connection = postgres.getPostgresDatabase().getConnection();
                 var rows = connection.createStatement().executeQuery("SELECT count(*) FROM products")) {
                rows.next();
                assertThat(rows.getLong(1)).as("products written to the external database").isEqualTo(300);
            }
        }
    }
}
