package fr.pareto.errors;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A framework-neutral HTTP response: what the servlet and JDK HTTP server adapters copy into
 * their own response objects.
 *
 * @param status the HTTP status code, such as 200
 * @param contentType the {@code Content-Type} header value
 * @param body the body as UTF-8 text
 */
public record EndpointResponse(int status, String contentType, String body) {

    /** The content type of every JSON body: {@code application/json; charset=utf-8}. */
    public static final String JSON = "application/json; charset=utf-8";

    /**
     * Creates a response.
     *
     * @throws NullPointerException if contentType or body is null
     * @throws IllegalArgumentException if status is outside 100 to 599
     */
    public EndpointResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Invalid HTTP status " + status + ": give 100 to 599");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** Returns the body encoded as UTF-8. */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
