package fr.pareto.errors.httpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.ErrorsEndpoint;
import fr.pareto.errors.internal.ErrorJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Serves an {@link ErrorsEndpoint} from the JDK's HTTP server. The server hands a context every
 * path that starts with its mount path, so the handler serves only the mount path itself and
 * the mount path followed by {@code /}; any other path, such as {@code /errorsXYZ} or
 * {@code /errors/x} under {@code /errors}, gets {@code 404 {"error":"not found"}}, with or
 * without the token. Thread-safe.
 */
public final class ErrorsHttpHandler implements HttpHandler {

    private static final EndpointResponse NOT_FOUND =
            new EndpointResponse(404, EndpointResponse.JSON, ErrorJson.error("not found"));

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
            EndpointResponse result = isOwnPath(exchange)
                    ? endpoint.handle(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders().getFirst("Authorization"))
                    : NOT_FOUND;
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

    private static boolean isOwnPath(HttpExchange exchange) {
        String mount = exchange.getHttpContext().getPath();
        String path = exchange.getRequestURI().getPath();
        return path.equals(mount) || (path.length() == mount.length() + 1 && path.startsWith(mount) && path.endsWith("/"));
    }
}
