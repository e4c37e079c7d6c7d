package fr.pareto.health;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to a health endpoint, as a framework adapter sees it.
 *
 * @param method the HTTP method; {@code GET} and {@code HEAD} are served, others get 405
 * @param path the path below the endpoint's mount point: empty or {@code /} for overall health,
 *             {@code /live}, {@code /ready}, {@code /<group>}, or {@code /detailed}
 * @param authorization the {@code Authorization} header, if the request has one
 */
public record HealthRequest(String method, String path, Optional<String> authorization) {

    /** Validates the values. */
    public HealthRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(authorization, "authorization");
    }

    /** Returns an anonymous {@code GET} of the path. */
    public static HealthRequest get(String path) {
        return new HealthRequest("GET", path, Optional.empty());
    }

    /**
     * Returns a request from values as servlet and JDK APIs give them: a {@code null} path means
     * the mount point itself and a {@code null} authorization means no header.
     */
    public static HealthRequest of(String method, String path, String authorization) {
        return new HealthRequest(method, path == null ? "" : path, Optional.ofNullable(authorization));
    }

    /** Returns a copy carrying {@code Authorization: Bearer <token>}. */
    public HealthRequest withBearerToken(String token) {
        return new HealthRequest(method, path, Optional.of("Bearer " + Objects.requireNonNull(token, "token")));
    }
}
