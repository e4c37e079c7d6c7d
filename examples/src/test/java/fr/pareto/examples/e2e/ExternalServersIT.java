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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
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

    @Test
    void credentialsInTheUrlReachThePasswordCheckedServer() throws Exception {
        String password = "p@ss/w:rd+" + "S3CRETpw2";
        String encoded = "p%40ss%2Fw%3Ard+" + "S3CRETpw2";
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start()) {
            requirePassword(postgres, "catalog_app", password);
            int port = Redis.freeLoopbackPort();
            Map<String, String> env = Map.of(
                    "PORT", Integer.toString(port),
                    "DATABASE_URL", "postgres://catalog_app:" + encoded + "@127.0.0.1:" + postgres.getPort() + "/postgres");

            try (ServiceProcess service = ServiceProcess.start(JAR, env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    assertThat(service.alive()).as("service alive\n%s", service.tail()).isTrue();
                    return !service.events("service started").isEmpty();
                });
                assertThat(service.events("service starting").get(0).get("config").asText())
                        .contains("jdbc:postgresql://catalog_app:***@127.0.0.1:" + postgres.getPort() + "/postgres");
                assertThat(service.stop(Duration.ofSeconds(60))).isEqualTo(143);
                String output = String.join("\n", service.stdout()) + String.join("\n", service.stderr());
                assertThat(output).doesNotContain("S3CRETpw2").doesNotContain("%2Fw");
            }
        }
    }

    /** Creates a login role and makes loopback TCP connections check passwords, as a hosted server does. */
    private static void requirePassword(EmbeddedPostgres postgres, String role, String password) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + password + "'");
            var rows = statement.executeQuery("SHOW hba_file");
            rows.next();
            Path hba = Path.of(rows.getString(1));
            Files.writeString(hba, "local all all trust\n"
                    + "host all postgres 127.0.0.1/32 trust\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n");
            statement.execute("SELECT pg_reload_conf()");
        }
    }
}
