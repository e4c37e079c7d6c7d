package fr.pareto.logging.httpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import fr.pareto.logging.ApiEvents;
import fr.pareto.logging.internal.RequestLog;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Filter for the JDK's {@code com.sun.net.httpserver.HttpServer} that logs every exchange as
 * {@code request handled} (INFO, {@code module=api}, {@code method}, {@code path} without the
 * query string, {@code status}, {@code duration_ms}) and carries a request id.
 *
 * <p>The request id is the request's {@code X-Request-Id} header when valid (1 to 128 ASCII
 * letters, digits or {@code - _ . : + / =}), a new random 32-hex-digit id otherwise. It is set as
 * the {@code X-Request-Id} response header before the handler runs, and put in MDC as
 * {@code request_id} while the handler runs, so every event logged there carries it; the previous
 * MDC value is restored afterwards.
 *
 * <p>{@code status} is the code the handler sent; when the handler throws it is 500 (the JDK
 * server then closes the connection) and the exception is rethrown; when the handler returned
 * without sending a response it is -1. Stateless and thread-safe.
 *
 * <pre>{@code
 * HttpContext context = server.createContext("/", handler);
 * context.getFilters().add(new RequestLoggingFilter());
 * }</pre>
 */
public final class RequestLoggingFilter extends Filter {

    private final ApiEvents events;

    /** Creates a filter that writes through the logger {@code fr.pareto.logging.requests}. */
    public RequestLoggingFilter() {
        this(ApiEvents.of(LoggerFactory.getLogger(RequestLog.LOGGER_NAME)));
    }

    /**
     * Creates a filter that writes through {@code events}.
     *
     * @throws NullPointerException if {@code events} is null
     */
    public RequestLoggingFilter(ApiEvents events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        long start = System.nanoTime();
        String id = RequestLog.idFrom(exchange.getRequestHeaders().getFirst(RequestLog.HEADER));
        exchange.getResponseHeaders().set(RequestLog.HEADER, id);
        String previous = RequestLog.enter(id);
        boolean failed = true;
        try {
            chain.doFilter(exchange);
            failed = false;
        } finally {
            try {
                int status = failed && exchange.getResponseCode() < 0 ? 500 : exchange.getResponseCode();
                RequestLog.handled(events, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        status, start);
            } finally {
                RequestLog.exit(previous);
            }
        }
    }

    @Override
    public String description() {
        return "Logs each exchange as 'request handled' and sets X-Request-Id";
    }
}
