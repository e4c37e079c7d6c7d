package fr.pareto.health.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.internal.ExchangeResponses;
import java.io.IOException;
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

    // The page reads the full request path (/status or /status.json), not the path below the mount
    // point that HealthHttpHandler passes, so it keeps its own small adapter.
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
            ExchangeResponses.send(exchange, response);
        }
    }
}
