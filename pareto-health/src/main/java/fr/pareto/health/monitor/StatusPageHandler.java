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
 * server matches contexts by string prefix, so one context serves both the page and its JSON:
 *
 * <pre>{@code
 * server.createContext("/status", new StatusPageHandler(page)); // /status and /status.json
 * }</pre>
 *
 * <p>The page is served at the context path, with or without a trailing slash, and the JSON at the
 * context path plus {@code .json}. Every other path that the context receives, such as
 * {@code /status/foo}, {@code /statusXYZ} or {@code /status.json/x}, gets a 404 with a small
 * JSON body. Create the context without a trailing slash: the JDK server sends
 * {@code /status.json} to a {@code /status} context but not to a {@code /status/} one.
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
            String mount = exchange.getHttpContext().getPath();
            String base = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
            String path = exchange.getRequestURI().getPath();
            HealthResponse response;
            if (path == null || !(path.equals(base) || path.equals(base + "/") || path.equals(base + ".json"))) {
                response = StatusPage.notFound(base.isEmpty() ? "/" : base);
            } else {
                response = page.respond(HealthRequest.of(exchange.getRequestMethod(), path, null));
            }
            ExchangeResponses.send(exchange, response);
        }
    }
}
