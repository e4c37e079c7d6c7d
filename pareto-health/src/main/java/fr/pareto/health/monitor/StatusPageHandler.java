package fr.pareto.health.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Serves a {@link StatusPage} from the JDK's {@code com.sun.net.httpserver.HttpServer}. The JDK
 * server matches contexts by path prefix, so one context serves both the page and its JSON:
 *
 * <pre>{@code
 * server.createContext("/status", new StatusPageHandler(page)); // /status and /status.json
 * }</pre>
 *
 * <p>Needs the {@code jdk.httpserver} module. Thread-safe, and owns no resources.
 */
public final class StatusPageHandler implements HttpHandler {

    // TODO: share one JDK adapter with the health endpoint's once both take a common endpoint type.
    private final StatusPage page;

    /** Creates a handler that serves the page. */
    public StatusPageHandler(StatusPage page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HealthResponse response = page.respond(HealthRequest.of(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), null));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            // A length of -1 means no body, as HEAD requires.
            exchange.sendResponseHeaders(response.statusCode(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
