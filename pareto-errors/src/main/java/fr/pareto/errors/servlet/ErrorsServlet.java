package fr.pareto.errors.servlet;

import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.ErrorsEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * Serves an {@link ErrorsEndpoint} from a servlet container, for {@code GET} and {@code HEAD}.
 * Thread-safe.
 */
public final class ErrorsServlet extends HttpServlet {

    private final transient ErrorsEndpoint endpoint;

    /**
     * Creates a servlet for the endpoint.
     *
     * @throws NullPointerException if endpoint is null
     */
    public ErrorsServlet(ErrorsEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EndpointResponse result = endpoint.handle(request.getMethod(), request.getQueryString(),
                request.getHeader("Authorization"));
        byte[] body = result.bodyBytes();
        response.setStatus(result.status());
        response.setContentType(result.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!"HEAD".equalsIgnoreCase(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
