package fr.pareto.health.internal;

import fr.pareto.health.HealthResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a {@link HealthResponse} to a servlet response; shared by this module's servlets. */
public final class ServletResponses {

    private ServletResponses() {
    }

    /** Sets the status, headers and body; a HEAD request gets the headers only. */
    public static void send(HttpServletRequest request, HttpServletResponse response, HealthResponse answer)
            throws IOException {
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
