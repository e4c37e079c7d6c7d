package fr.pareto.health.httpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HttpEndpoint;
import fr.pareto.health.internal.ExchangeResponses;
import java.io.IOException;
import java.util.Objects;

/**
 * Serves a {@link HealthEndpoint} from the JDK's {@code com.sun.net.httpserver.HttpServer}.
 * Mount it on the context that stands for the endpoint, and the sub-paths follow:
 *
 * <pre>{@code
 * server.createContext("/health", new HealthHttpHandler(endpoint)); // also /health/live, /health/ready
 * }</pre>
 *
 * <p>Thread-safe; owns no resources.
 */
public final class HealthHttpHandler implements HttpHandler {

    private final HttpEndpoint endpoint;

    /** Creates a handler that serves the endpoint, usually a {@link HealthEndpoint}. */
    public HealthHttpHandler(HttpEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String contextPath = exchange.getHttpContext().getPath();
            String path = exchange.getRequestURI().getRawPath();
            String below = path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
            HealthResponse response = endpoint.respond(HealthRequest.of(exchange.getRequestMethod(), below,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            ExchangeResponses.send(exchange, response);
        }
    }
}
