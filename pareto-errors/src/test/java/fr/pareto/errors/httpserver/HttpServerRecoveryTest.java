package fr.pareto.errors.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.ErrorsEndpoint;
import fr.pareto.errors.RawHttp;
import fr.pareto.errors.RecoveryFilterContract;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK HTTP server filter and the errors handler in a real HttpServer on loopback. */
class HttpServerRecoveryTest extends RecoveryFilterContract {

    private final ErrorTracker tracker = ErrorTracker.builder().name("httpserver-test").flushOnExit(false).build();
    private HttpServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpContext app = server.createContext("/app", exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/app/committed" -> {
                    exchange.sendResponseHeaders(200, 100);
                    exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
                    throw new IllegalStateException("failed after commit");
                }
                case "/app/io" -> throw new IOException("Connection reset by peer");
                case "/app/slow" -> {
                    awaitClientGone();
                    exchange.sendResponseHeaders(200, 0);
                    writeUntilFailure(exchange.getResponseBody());
                }
                case "/app/ok" -> {
                    byte[] body = "fine".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                default -> throw new IllegalStateException("handler failed");
            }
        });
        app.getFilters().add(new ErrorTrackingFilter(tracker));
        server.createContext("/errors", new ErrorsHttpHandler(ErrorsEndpoint.withToken(tracker, TOKEN)));
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        tracker.close();
    }

    @Test
    void errorsHandlerAnswersOnlyItsOwnPath() throws Exception {
        String authorization = "Authorization: Bearer " + TOKEN;

        RawHttp.Response suffixed = RawHttp.get(port, "/errorsXYZ");
        RawHttp.Response nested = RawHttp.get(port, "/errors/groups", authorization);
        RawHttp.Response exact = RawHttp.get(port, "/errors", authorization);
        RawHttp.Response slash = RawHttp.get(port, "/errors/?limit=1", authorization);

        assertThat(suffixed.status()).isEqualTo(404);
        assertThat(suffixed.body()).isEqualTo("{\"error\":\"not found\"}");
        assertThat(nested.status()).isEqualTo(404);
        assertThat(exact.status()).isEqualTo(200);
        assertThat(slash.status()).isEqualTo(200);
    }

    @Override
    protected ErrorTracker tracker() {
        return tracker;
    }

    @Override
    protected int port() {
        return port;
    }
}
