package fr.pareto.errors.servlet;

import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.internal.RequestRecovery;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Jakarta Servlet filter that recovers from what the rest of the chain throws: it captures the
 * exception with the method, path, query, request id and headers (secrets redacted), and
 * responds {@code 500} with {@code {"error":"internal server error","request_id":"..."}}.
 *
 * <p>When the response is already committed, the status can no longer change: the exception is
 * captured and rethrown, so the container aborts the response instead of letting a cut body pass
 * as complete. A {@link VirtualMachineError} is captured and rethrown.
 *
 * <p>When the response is committed and the failure says the client went away (Jetty's
 * {@code EofException}, Tomcat's {@code ClientAbortException}, a broken pipe or a reset
 * connection), the client disconnected, which is no application error: the filter logs it at
 * DEBUG to the logger {@code fr.pareto.errors.ClientDisconnects}, with the method and path, and
 * neither tracks nor rethrows it. An {@link IOException} thrown before the commit is tracked like
 * any other.
 *
 * <p>Register it first in the chain, so it sees what later filters throw. Created with a tracker,
 * or by the container with the init parameter {@code tracker} naming a tracker built with
 * {@link ErrorTracker.Builder#name(String)} ({@code default} when absent). Thread-safe.
 *
 * <p>NOTE: exceptions raised on another thread after {@code startAsync()} do not pass through
 * this filter; capture them where the async work runs.
 */
public final class ErrorTrackingFilter implements Filter {

    private static final int MAX_HEADERS = 32;

    private volatile ErrorTracker tracker;

    /** Creates a filter that finds its tracker by name in {@link #init(FilterConfig)}. */
    public ErrorTrackingFilter() {
    }

    /**
     * Creates a filter that records into the given tracker.
     *
     * @throws NullPointerException if tracker is null
     */
    public ErrorTrackingFilter(ErrorTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /**
     * Finds the tracker named by the init parameter {@code tracker} when none was given.
     *
     * @throws ServletException if no open tracker has that name
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (tracker != null) {
            return;
        }
        String name = config.getInitParameter("tracker");
        String trackerName = name == null ? "default" : name;
        tracker = ErrorTracker.named(trackerName).orElseThrow(() -> new ServletException(
                "No error tracker named \"" + trackerName + "\" is open; build one with ErrorTracker.builder().name(\""
                        + trackerName + "\").build() before the servlet container starts"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (Throwable failure) {
            recover(request, response, failure);
        }
    }

    private void recover(ServletRequest request, ServletResponse response, Throwable failure)
            throws IOException, ServletException {
        HttpServletRequest http = request instanceof HttpServletRequest r ? r : null;
        if (RequestRecovery.isDisconnect(response.isCommitted(), failure, http == null ? "" : http.getMethod(),
                http == null ? "" : http.getRequestURI())) {
            return;
        }
        String requestId = RequestRecovery.requestId(http == null ? null : http.getHeader(RequestRecovery.REQUEST_ID_HEADER));
        tracker.capture(failure, context(http, requestId));

        if (failure instanceof VirtualMachineError error) {
            throw error;
        }
        if (response.isCommitted()) {
            rethrow(failure);
        }
        try {
            response.resetBuffer();
            if (response instanceof HttpServletResponse httpResponse) {
                httpResponse.setStatus(500);
            }
            byte[] body = RequestRecovery.body(requestId).getBytes(StandardCharsets.UTF_8);
            response.setContentType(EndpointResponse.JSON);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException | IllegalStateException writeFailure) {
            // The client left or the response got committed meanwhile; the failure is already recorded.
        }
    }

    private static ErrorContext context(HttpServletRequest request, String requestId) {
        if (request == null) {
            return RequestRecovery.context("", "", null, requestId, Map.of());
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (headers.size() >= MAX_HEADERS) {
                break;
            }
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return RequestRecovery.context(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                requestId, headers);
    }

    private static void rethrow(Throwable failure) throws IOException, ServletException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof ServletException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new ServletException(failure);
    }
}
