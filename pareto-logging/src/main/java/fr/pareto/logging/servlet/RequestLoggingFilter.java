package fr.pareto.logging.servlet;

import fr.pareto.logging.ApiEvents;
import fr.pareto.logging.internal.RequestLog;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Jakarta Servlet filter that logs every request as {@code request handled} (INFO,
 * {@code module=api}, {@code method}, {@code path} without the query string, {@code status},
 * {@code duration_ms}) and carries a request id.
 *
 * <p>The request id is the request's {@code X-Request-Id} header when valid (1 to 128 ASCII
 * letters, digits or {@code - _ . : + / =}), a new random 32-hex-digit id otherwise. It is set as
 * the {@code X-Request-Id} response header before the rest of the chain runs, and put in MDC as
 * {@code request_id} while the chain runs on the request thread, so every event logged there
 * carries it; the previous MDC value is restored afterwards.
 *
 * <p>An exception from the chain is logged with status 500 (unless the response was already
 * committed with another status) and rethrown. For an asynchronous request the event is logged
 * when it completes. Non-HTTP requests pass through untouched. Stateless and thread-safe.
 *
 * <p>Requires {@code jakarta.servlet-api} 6 at run time; this library declares it {@code provided}.
 */
public final class RequestLoggingFilter implements Filter {

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
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        String id = RequestLog.idFrom(http.getHeader(RequestLog.HEADER));
        httpResponse.setHeader(RequestLog.HEADER, id);
        String previous = RequestLog.enter(id);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            try {
                if (!failed && http.isAsyncStarted()) {
                    http.getAsyncContext().addListener(new CompletionListener(http, httpResponse, id, start));
                } else {
                    log(http, httpResponse, failed, start);
                }
            } finally {
                RequestLog.exit(previous);
            }
        }
    }

    private void log(HttpServletRequest request, HttpServletResponse response, boolean failed, long start) {
        int status = response.getStatus();
        if (failed && !response.isCommitted()) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        RequestLog.handled(events, request.getMethod(), request.getRequestURI(), status, start);
    }

    /** Logs an asynchronous request when it ends, with its request id in MDC for that call. */
    private final class CompletionListener implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final String id;
        private final long start;

        CompletionListener(HttpServletRequest request, HttpServletResponse response, String id, long start) {
            this.request = request;
            this.response = response;
            this.id = id;
            this.start = start;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            String previous = RequestLog.enter(id);
            try {
                log(request, response, false, start);
            } finally {
                RequestLog.exit(previous);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows a timeout and logs the final status.
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows an error and logs the final status.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
