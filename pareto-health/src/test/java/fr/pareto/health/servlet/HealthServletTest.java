package fr.pareto.health.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.health.EmbeddedPostgresServer;
import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthFormat;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthResult;
import fr.pareto.health.jdbc.DataSourceCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The servlet adapter in a real Jetty 12 (ee10) container, against a real PostgreSQL. */
class HealthServletTest {

    private static final String TOKEN = "servlet-token-0123456789";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static EmbeddedPostgresServer postgres;
    private static HealthRegistry registry;
    private static Server jetty;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start();
        registry = HealthRegistry.builder()
                .cacheTtl(Duration.ZERO)
                .register(DataSourceCheck.builder(postgres.adminDataSource()).build())
                .register(HealthCheck.of("scraper", () -> HealthResult.ok("last scrape 2 min ago")),
                        fr.pareto.health.CheckOptions.defaults().groups("scraper"))
                .gauge("products", () -> 42)
                .build();
        HealthEndpoint endpoint = HealthEndpoint.builder(registry).token(TOKEN).build();
        HealthEndpoint ietf = HealthEndpoint.builder(registry).format(HealthFormat.IETF).build();

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HealthServlet(endpoint)), "/health/*");
        context.addServlet(new ServletHolder(new HealthServlet(ietf)), "/health-ietf/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        registry.close();
        postgres.close();
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void overallHealthAtMountPoint() throws Exception {
        HttpResponse<String> response = send("GET", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"scraper\":\"ok\"}}");
    }

    @Test
    void groupsAreSubPaths() throws Exception {
        assertThat(send("GET", "/health/live", null).body()).isEqualTo("{\"status\":\"ok\",\"checks\":{}}");
        assertThat(send("GET", "/health/ready", null).body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}");
        assertThat(send("GET", "/health/scraper", null).body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"scraper\":\"ok\"}}");
        assertThat(send("GET", "/health/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void detailsNeedTheToken() throws Exception {
        assertThat(send("GET", "/health/detailed", null).statusCode()).isEqualTo(401);

        HttpResponse<String> detailed = send("GET", "/health/detailed", TOKEN);
        assertThat(detailed.statusCode()).isEqualTo(200);
        assertThat(detailed.body()).contains("\"message\":\"last scrape 2 min ago\"").contains("\"metrics\":{\"products\":42}");
    }

    @Test
    void headHasNoBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void postIsNotAllowed() throws Exception {
        HttpResponse<String> response = send("POST", "/health", null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void ietfFormatIsServed() throws Exception {
        HttpResponse<String> response = send("GET", "/health-ietf/ready", null);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/health+json"));
        assertThat(response.body()).isEqualTo("{\"status\":\"pass\",\"checks\":{\"database\":[{\"status\":\"pass\"}]}}");
    }

    @Test
    void stoppedDatabaseIs503NotAnErrorPage() throws Exception {
        postgres.stop();
        try {
            HttpResponse<String> response = send("GET", "/health", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"scraper\":\"ok\"}}");
        } finally {
            postgres.startAgain();
        }
    }
}
