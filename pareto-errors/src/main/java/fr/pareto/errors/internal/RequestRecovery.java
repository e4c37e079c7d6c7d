package fr.pareto.errors.internal;

import fr.pareto.errors.ErrorContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logic shared by the servlet and JDK HTTP server recovery filters: request context, client-gone detection, the 500 body. */
public final class RequestRecovery {

    /** The request header that carries the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** The body of every 500 response: {@code {"error":"internal server error"}}, plus the request id when known. */
    private static final String MESSAGE = "internal server error";

    /** Logger of the client disconnects, at DEBUG. */
    public static final String DISCONNECT_LOGGER_NAME = "fr.pareto.errors.ClientDisconnects";

    private static final Logger LOG = LoggerFactory.getLogger(DISCONNECT_LOGGER_NAME);
    private static final int MAX_HEADERS = 32;
    private static final int MAX_CAUSES = 10;

    private RequestRecovery() {
    }

    /**
     * Returns the context of a failed request: method, path, query (secret parameters are
     * redacted later by the tracker), request id, then up to 32 headers as
     * {@code header_<name>} in lower case with {@code -} turned into {@code _}.
     *
     * @param requestId the id, or null to fall back to the MDC entry {@code request_id}
     */
    public static ErrorContext context(String method, String path, String rawQuery, String requestId,
                                       Map<String, List<String>> headers) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ErrorContext.METHOD, method);
        values.put(ErrorContext.PATH, path == null ? "" : path);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            values.put(ErrorContext.QUERY, rawQuery);
        }
        String id = requestId(requestId);
        if (id != null) {
            values.put(ErrorContext.REQUEST_ID, id);
        }
        int count = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (count++ >= MAX_HEADERS || header.getKey() == null) {
                break;
            }
            String key = "header_" + header.getKey().toLowerCase(Locale.ROOT).replace('-', '_');
            values.put(key, String.join(", ", header.getValue()));
        }
        return ErrorContext.of(values);
    }

    /** Returns the request id from the header value, else from the MDC, else null. */
    public static String requestId(String headerValue) {
        if (headerValue != null && !headerValue.isBlank()) {
            return headerValue.length() <= 128 ? headerValue : headerValue.substring(0, 128);
        }
        return MDC.get(ErrorContext.REQUEST_ID);
    }

    /** Returns the JSON body of the 500 response. */
    public static String body(String requestId) {
        return ErrorJson.error(MESSAGE, requestId);
    }

    /**
     * Returns whether the failure means that the client went away while the response was
     * written, which is no application error. That needs a committed response and a client-gone
     * failure. When it returns true, it has logged the failure at DEBUG with the method and path.
     *
     * <p>NOTE: before the commit, a client-gone failure is taken for the handler's own (a
     * downstream call that got a reset, for example) and tracked. After it, the handler's own
     * downstream I/O failure with the same message cannot be distinguished and is not tracked.
     */
    public static boolean isDisconnect(boolean committed, Throwable failure, String method, String path) {
        if (!committed || failure instanceof Error || !isClientGone(failure)) {
            return false;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Client went away during {} {}: {}", method, path, failure.toString());
        }
        return true;
    }

    /**
     * Returns whether the failure means the client went away (a reset or closed connection), in
     * which case no response can be written: Jetty's {@code EofException}, Tomcat's
     * {@code ClientAbortException}, or an {@link IOException} reporting a broken pipe or a reset
     * connection, anywhere in the first causes.
     */
    public static boolean isClientGone(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
            String type = current.getClass().getName();
            if (type.endsWith(".EofException") || type.endsWith(".ClientAbortException")) {
                return true;
            }
            String message = current instanceof IOException ? StackTraceRenderer.messageOf(current) : null;
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("broken pipe") || lower.contains("connection reset")
                        || lower.contains("connection abort")) {
                    return true;
                }
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return false;
    }
}
