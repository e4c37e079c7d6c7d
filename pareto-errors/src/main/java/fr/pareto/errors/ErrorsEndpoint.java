package fr.pareto.errors;

import fr.pareto.errors.internal.ErrorJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The error groups of a tracker as JSON, for any HTTP framework: it takes the method, the raw
 * query string and the {@code Authorization} header, and returns status, content type and body.
 * {@link fr.pareto.errors.servlet.ErrorsServlet} and
 * {@link fr.pareto.errors.httpserver.ErrorsHttpHandler} adapt it.
 *
 * <p>Query parameters: {@code sort=frequent} (default, highest count first) or
 * {@code sort=recent} (most recently seen first), and {@code limit} from 1 to 1000 (default 50).
 * The body is
 * {@code {"groups":[{"fingerprint":..., "type":..., "count":..., "first_seen":..., "last_seen":...,
 * "last_sample":{"time":..., "thread":..., "error":..., "stack_trace":..., "context":{...}}}],
 * "stats":{...}}}, times in RFC 3339 UTC. Samples are already scrubbed of secrets.
 *
 * <p>With a token, a request must send {@code Authorization: Bearer <token>}; others get 401
 * and no data. Stack traces show code paths, so set a token wherever the endpoint is reachable
 * from outside. Immutable and thread-safe.
 */
public final class ErrorsEndpoint {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final ErrorTracker tracker;
    private final byte[] token;

    private ErrorsEndpoint(ErrorTracker tracker, byte[] token) {
        this.tracker = tracker;
        this.token = token;
    }

    /**
     * Returns an endpoint open to every caller.
     *
     * @throws NullPointerException if tracker is null
     */
    public static ErrorsEndpoint open(ErrorTracker tracker) {
        return new ErrorsEndpoint(Objects.requireNonNull(tracker, "tracker"), null);
    }

    /**
     * Returns an endpoint that serves only requests carrying {@code Authorization: Bearer <token>}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the token is shorter than 16 characters
     */
    public static ErrorsEndpoint withToken(ErrorTracker tracker, String token) {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(token, "token");
        if (token.length() < 16) {
            throw new IllegalArgumentException("Errors endpoint token is too short (" + token.length()
                    + " characters): use at least 16 random characters");
        }
        return new ErrorsEndpoint(tracker, token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Handles one request. Never throws: a failure to write the body becomes a 500 response.
     *
     * @param method the HTTP method; only {@code GET} and {@code HEAD} are allowed, others get 405
     * @param rawQuery the query string without {@code ?}, still URL-encoded; null when absent
     * @param authorization the {@code Authorization} header; null when absent
     */
    public EndpointResponse handle(String method, String rawQuery, String authorization) {
        if (token != null && !authorized(authorization)) {
            return error(401, "unauthorized");
        }
        if (!"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method)) {
            return error(405, "method not allowed");
        }
        String sort = Optional.ofNullable(parameter(rawQuery, "sort")).orElse("frequent").toLowerCase(Locale.ROOT);
        String limitText = parameter(rawQuery, "limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                return error(400, "invalid limit, give 1 to " + MAX_LIMIT);
            }
        }
        List<ErrorGroup> groups;
        switch (sort) {
            case "frequent" -> groups = tracker.mostFrequent(limit);
            case "recent" -> groups = tracker.mostRecent(limit);
            default -> {
                return error(400, "invalid sort, give frequent or recent");
            }
        }
        try {
            return new EndpointResponse(200, EndpointResponse.JSON, ErrorJson.groups(groups, tracker.stats()));
        } catch (RuntimeException e) {
            return error(500, "failed to write the error groups");
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time, so response times do not reveal how much of the token matched.
        return MessageDigest.isEqual(given, token);
    }

    private static String parameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return null;
    }

    private static EndpointResponse error(int status, String message) {
        return new EndpointResponse(status, EndpointResponse.JSON, ErrorJson.error(message));
    }
}
