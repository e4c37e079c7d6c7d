package fr.pareto.health.monitor;

import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
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

    // TODO: share one servlet adapter with the health endpoint's once both take a common endpoint type.
    private final transient StatusPage page;

    /** Creates a servlet that serves the page. */
    public StatusPageServlet(StatusPage page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthResponse answer = page.respond(HealthRequest.of(request.getMethod(), request.getRequestURI(), null));
        response.setStatus(answer.statusCode());
        response.setContentType(answer.contentType());
        answer.headers().forEach(response::setHeader);
        byte[] body = answer.body();
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
