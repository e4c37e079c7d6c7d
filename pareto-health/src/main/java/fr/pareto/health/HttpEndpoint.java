package fr.pareto.health;

/**
 * Turns a request into a response, framework-neutrally: what the servlet and JDK HTTP server
 * adapters serve. {@link HealthEndpoint} is one; other pages of this module can be served by the
 * same adapters.
 *
 * <p>Implementations must be thread-safe and must not throw: a failure becomes a response.
 */
@FunctionalInterface
public interface HttpEndpoint {

    /**
     * Serves one request.
     *
     * @param request the method, the path below the adapter's mount point, and the authorization header
     * @return the status code, content type, headers and body to send
     */
    HealthResponse respond(HealthRequest request);
}
