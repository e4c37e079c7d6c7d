package fr.pareto.health;

import fr.pareto.health.internal.HealthBodies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A framework-neutral health endpoint: turns a request into a {@link HealthResponse} (status
 * code, content type, headers, body). The servlet and JDK HTTP server adapters only copy it.
 *
 * <p>Mounted at, say, {@code /health}, it serves:
 * <ul>
 *   <li>{@code /health}: every check; {@code /health/live}, {@code /health/ready} and
 *       {@code /health/<group>}: one group. 200 for {@code ok} and {@code degraded}, 503 for
 *       {@code error}; 404 for an unknown group.</li>
 *   <li>{@code /health/detailed}: every check with details, plus the registry's gauges. Only for
 *       a caller with the token (401 otherwise), or for everyone when
 *       {@link Builder#publicDetails(boolean)} is on; 404 when neither a token nor public
 *       details are configured. Plain health never runs gauges.</li>
 * </ul>
 *
 * <p>Anonymous callers get only the overall and per-check statuses. Messages, durations, times
 * and observed values are added for a request with {@code Authorization: Bearer <token>}, the
 * token compared in constant time, or for everyone with public details. Every response carries
 * {@code Cache-Control: no-store}, so proxies never serve a stale verdict.
 *
 * <p>Immutable and thread-safe; {@link #respond(HealthRequest)} never throws. Closing the
 * registry is the caller's job.
 */
public final class HealthEndpoint implements HttpEndpoint {

    /** The path below the mount point that serves detailed health. */
    public static final String DETAILED_PATH = "detailed";

    private static final Logger LOGGER = LoggerFactory.getLogger(HealthEndpoint.class);
    private static final String JSON = "application/json";
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");
    private static final int MIN_TOKEN_LENGTH = 16;

    private final HealthRegistry registry;
    private final HealthFormat format;
    private final byte[] tokenDigest;
    private final boolean publicDetails;

    private HealthEndpoint(Builder builder) {
        this.registry = builder.registry;
        this.format = builder.format;
        this.tokenDigest = builder.tokenDigest;
        this.publicDetails = builder.publicDetails;
    }

    /** Starts an endpoint over the registry, in the {@link HealthFormat#PARETO} format, details for token holders only. */
    public static Builder builder(HealthRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    /** Returns the format of report bodies. */
    public HealthFormat format() {
        return format;
    }

    /**
     * Serves one request. Never throws: an unexpected failure becomes a 503 with
     * {@code {"status":"error"}}.
     */
    @Override
    public HealthResponse respond(HealthRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return route(request);
        } catch (RuntimeException e) {
            LOGGER.warn("Health endpoint failed on path {}; answering 503", request.path(), e);
            return new HealthResponse(503, format.contentType(), NO_STORE,
                    "{\"status\":\"error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private HealthResponse route(HealthRequest request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new HealthResponse(405, JSON, withHeader("Allow", "GET, HEAD"), HealthBodies.error("method not allowed"));
        }
        String path = trimSlashes(request.path());
        boolean authorized = hasToken(request.authorization());

        if (path.equals(DETAILED_PATH)) {
            if (!authorized && !publicDetails) {
                return tokenDigest == null
                        ? new HealthResponse(404, JSON, NO_STORE, HealthBodies.error("not found"))
                        : new HealthResponse(401, JSON, withHeader("WWW-Authenticate", "Bearer"), HealthBodies.error("unauthorized"));
            }
            DetailedReport detailed = registry.evaluateDetailed();
            return verdict(detailed.health(), HealthBodies.detailed(detailed.health(), detailed.gauges(), format));
        }

        HealthReport report;
        if (path.isEmpty()) {
            report = registry.evaluate();
        } else if (registry.hasGroup(path)) {
            report = registry.evaluate(path);
        } else {
            return new HealthResponse(404, JSON, NO_STORE, HealthBodies.error("not found"));
        }
        return verdict(report, HealthBodies.report(report, format, authorized || publicDetails));
    }

    private HealthResponse verdict(HealthReport report, byte[] body) {
        int statusCode = report.status() == HealthStatus.ERROR ? 503 : 200;
        return new HealthResponse(statusCode, format.contentType(), NO_STORE, body);
    }

    private boolean hasToken(Optional<String> authorization) {
        if (tokenDigest == null || authorization.isEmpty()) {
            return false;
        }
        String header = authorization.get().trim();
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Digests have one length whatever the input, so the comparison leaks neither the
        // token's content nor its length through timing.
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()));
    }

    private static Map<String, String> withHeader(String name, String value) {
        return Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff", name, value);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing; every Java platform must provide it", e);
        }
    }

    /** Builds a {@link HealthEndpoint}. Not thread-safe. */
    public static final class Builder {
        private final HealthRegistry registry;
        private HealthFormat format = HealthFormat.PARETO;
        private byte[] tokenDigest;
        private boolean publicDetails;

        private Builder(HealthRegistry registry) {
            this.registry = registry;
        }

        /** Sets the body format. Default: {@link HealthFormat#PARETO}. */
        public Builder format(HealthFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the bearer token that unlocks details and detailed health. Only its SHA-256
         * digest is kept. Default: none, so details are shown only with public details.
         *
         * @param token at least 16 characters, no whitespace
         * @throws IllegalArgumentException if the token is shorter or contains whitespace (the
         *         message never shows the token)
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("Invalid health token: it has " + token.length()
                        + " characters or contains whitespace; use at least " + MIN_TOKEN_LENGTH
                        + " characters without whitespace, such as the output of openssl rand -hex 32");
            }
            this.tokenDigest = sha256(token);
            return this;
        }

        /** Sets the token from an optional value, such as an environment variable; empty leaves it unset. */
        public Builder token(Optional<String> token) {
            Objects.requireNonNull(token, "token").ifPresent(this::token);
            return this;
        }

        /**
         * Shows details and detailed health to every caller when {@code true}. Default:
         * {@code false}. Turn it on only where the endpoint is not reachable from outside, since
         * details name hosts and measured values.
         */
        public Builder publicDetails(boolean publicDetails) {
            this.publicDetails = publicDetails;
            return this;
        }

        /** Builds the endpoint. */
        public HealthEndpoint build() {
            return new HealthEndpoint(this);
        }
    }
}
