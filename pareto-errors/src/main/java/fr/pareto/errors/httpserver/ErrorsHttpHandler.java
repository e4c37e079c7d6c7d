package fr.pareto.errors.httpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.ErrorsEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** Serves an {@link ErrorsEndpoint} from the JDK's HTTP server. Thread-safe. */
public final class ErrorsHttpHandler implements HttpHandler {

    private final ErrorsEndpoint endpoint;

    /**
     * Creates a handler for the endpoint.
     *
     * @throws NullPointerException if endpoint is null
     */
    public ErrorsHttpHandler(ErrorsEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            EndpointResponse result = endpoint.handle(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = result.bodyBytes();
            exchange.getResponseHeaders().set("Content-Type", result.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(result.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
