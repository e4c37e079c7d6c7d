package fr.pareto.logging.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

/** A minimal HTTP client on {@link HttpURLConnection}, enough for the filter tests. */
public final class HttpGet {

    private static final int TIMEOUT_MILLIS = 30_000;

    private HttpGet() {
    }

    /** Response status and the {@code X-Request-Id} header. */
    public record Response(int status, Optional<String> requestId) {
    }

    /** Sends {@code method} to {@code uri} with an optional {@code X-Request-Id} and reads the whole response. */
    public static Response send(String method, URI uri, String requestId) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            if (requestId != null) {
                connection.setRequestProperty("X-Request-Id", requestId);
            }
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return new Response(status, Optional.ofNullable(connection.getHeaderField("X-Request-Id")));
        } finally {
            connection.disconnect();
        }
    }
}
