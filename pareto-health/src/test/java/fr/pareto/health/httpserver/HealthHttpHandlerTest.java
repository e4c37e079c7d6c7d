package fr.pareto.health.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthHttpHandlerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static HealthRegistry registry;
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        registry = HealthRegistry.builder().register(HealthCheck.of("database", HealthResult::ok)).build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", new HealthHttpHandler(HealthEndpoint.builder(registry).build()));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        registry.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mountPointAndSubPathsAreServed() throws Exception {
        assertThat(send("GET", "/health").body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}");
        assertThat(send("GET", "/health/").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/health/ready").body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}");
        assertThat(send("GET", "/health/live").body()).isEqualTo("{\"status\":\"ok\",\"checks\":{}}");
        assertThat(send("GET", "/healthz").statusCode()).isEqualTo(404);
    }

    @Test
    void headersAreCopied() throws Exception {
        HttpResponse<String> response = send("GET", "/health");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void headHasNoBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }
}
