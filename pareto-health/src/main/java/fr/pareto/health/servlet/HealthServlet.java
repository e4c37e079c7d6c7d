package fr.pareto.health.servlet;

import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HttpEndpoint;
import fr.pareto.health.internal.ServletResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Serves a {@link HealthEndpoint} from a Jakarta Servlet 6 container. Map it to
 * {@code /health/*}, which also matches {@code /health} itself:
 *
 * <pre>{@code
 * servletContext.addServlet("health", new HealthServlet(endpoint)).addMapping("/health/*");
 * }</pre>
 *
 * <p>Thread-safe; owns no resources. Needs {@code jakarta.servlet-api} 6 at run
 * time, which the container provides.
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HttpEndpoint endpoint;

    /** Creates a servlet that serves the endpoint, usually a {@link HealthEndpoint}. */
    public HealthServlet(HttpEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthResponse health = endpoint.respond(HealthRequest.of(request.getMethod(), request.getPathInfo(),
                request.getHeader("Authorization")));
        ServletResponses.send(request, response, health);
    }
}
