package fr.pareto.health.monitor;

import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.internal.ServletResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Serves a {@link StatusPage} from a Jakarta Servlet 6 container. Map it to both paths:
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(new StatusPageServlet(page)), "/status");
 * context.addServlet(new ServletHolder(new StatusPageServlet(page)), "/status.json");
 * }</pre>
 *
 * <p>Needs the Servlet API, which the container provides. Thread-safe.
 */
public final class StatusPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    // The page reads the full request URI, not the path info that HealthServlet passes.
    private final transient StatusPage page;

    /** Creates a servlet that serves the page. */
    public StatusPageServlet(StatusPage page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthResponse answer = page.respond(HealthRequest.of(request.getMethod(), request.getRequestURI(), null));
        ServletResponses.send(request, response, answer);
    }
}
