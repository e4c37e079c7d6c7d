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
 * <p>With these exact mappings the container sends only those two paths. Under a prefix mapping
 * such as {@code /status/*}, only {@code /status} and {@code /status/} get the page, and every
 * other path below it gets a 404 with a small JSON body. The JSON is chosen by a servlet path
 * that ends in {@code .json}.
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
        // The servlet path leaves out the context path and any ;parameters, and the path info is
        // what a prefix mapping matched below the servlet path.
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        HealthResponse answer;
        if (pathInfo == null || pathInfo.equals("/")) {
            answer = page.respond(HealthRequest.of(request.getMethod(), servletPath, null));
        } else {
            answer = StatusPage.notFound(request.getContextPath() + servletPath);
        }
        ServletResponses.send(request, response, answer);
    }
}
