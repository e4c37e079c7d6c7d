package fr.pareto.errors.httpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.internal.RequestRecovery;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A filter for the JDK's {@code com.sun.net.httpserver.HttpServer} that recovers from what the
 * handler throws: it captures the exception with the method, path, query, request id and headers
 * (secrets redacted), and responds {@code 500} with
 * {@code {"error":"internal server error","request_id":"..."}} when the response headers were not
 * sent yet. When they were, it only captures the exception and closes the exchange, which ends
 * the connection. A {@link VirtualMachineError} is captured and rethrown.
 *
 * <p>When the response headers were sent and the failure says the client went away (a broken
 * pipe or a reset connection while the response was written), the client disconnected, which is
 * no application error: the filter logs it at DEBUG to the logger
 * {@code fr.pareto.errors.ClientDisconnects}, with the method and path, and tracks nothing. An
 * {@link IOException} the handler throws before sending the headers is tracked like any other.
 *
 * <pre>{@code
 * HttpContext context = server.createContext("/", handler);
 * context.getFilters().add(new ErrorTrackingFilter(tracker));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ErrorTrackingFilter extends Filter {

    private final ErrorTracker tracker;

    /**
     * Creates a filter that records into the given tracker.
     *
     * @throws NullPointerException if tracker is null
     */
    public ErrorTrackingFilter(ErrorTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        try {
            chain.doFilter(exchange);
        } catch (Throwable failure) {
            recover(exchange, failure);
        }
    }

    private void recover(HttpExchange exchange, Throwable failure) {
        // getResponseCode() is -1 until sendResponseHeaders has been called.
        boolean committed = exchange.getResponseCode() != -1;
        if (RequestRecovery.isDisconnect(committed, failure, exchange.getRequestMethod(),
                exchange.getRequestURI().getPath())) {
            exchange.close();
            return;
        }
        String requestId = RequestRecovery.requestId(exchange.getRequestHeaders().getFirst(RequestRecovery.REQUEST_ID_HEADER));
        tracker.capture(failure, RequestRecovery.context(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), requestId,
                exchange.getRequestHeaders()));
        try {
            if (!committed) {
                byte[] body = RequestRecovery.body(requestId).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", EndpointResponse.JSON);
                exchange.sendResponseHeaders(500, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException writeFailure) {
            // The client left meanwhile; the failure is already recorded.
        } finally {
            exchange.close();
        }
        if (failure instanceof VirtualMachineError error) {
            throw error;
        }
    }

    @Override
    public String description() {
        return "Captures exceptions thrown by the handler into the error tracker and responds 500";
    }
}
