package fr.pareto.health;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a health endpoint sends back: status code, content type, headers and body. Framework
 * adapters copy it to their response unchanged.
 *
 * @param statusCode the HTTP status code: 200, 503, 401, 404 or 405
 * @param contentType the {@code Content-Type} header value, with its charset
 * @param headers further headers, such as {@code Cache-Control: no-store}
 * @param body the UTF-8 body; an adapter answering {@code HEAD} sends none
 */
public record HealthResponse(int statusCode, String contentType, Map<String, String> headers, byte[] body) {

    /** Validates and copies the values. */
    public HealthResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** Returns a copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthResponse that && statusCode == that.statusCode && contentType.equals(that.contentType)
                && headers.equals(that.headers) && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, contentType, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HealthResponse[" + statusCode + " " + contentType + ", " + body.length + " bytes]";
    }
}
