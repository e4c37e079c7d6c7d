package fr.pareto.alerting.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts JSON with {@code java.net.http} and bounds the whole exchange, response body included:
 * the JDK's request timeout stops at the response headers, so a server that sends its body
 * slowly would otherwise hold the caller.
 */
public final class JsonHttp {

    /** One HTTP response, read in full. */
    public record Response(int status, HttpHeaders headers, String body) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;

    /**
     * Creates a poster.
     *
     * @param connectTimeout bound on opening the connection
     * @param requestTimeout bound on the whole exchange once connected, body included
     */
    public JsonHttp(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /**
     * Posts a JSON body and reads the response.
     *
     * @throws HttpTimeoutException if the connection or the exchange took longer than its bound
     * @throws IOException if the connection failed or was dropped
     * @throws InterruptedException if the thread was interrupted; the exchange is cancelled
     */
    public Response post(URI uri, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "pareto-alerting")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if ("http".equals(uri.getScheme())) {
            // Plain HTTP is for loopback test servers; skip the h2c upgrade dance.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(request::header);

        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The connect timeout runs before the request timeout starts, so allow for both.
            long boundNanos = requestTimeout.toNanos() + client.connectTimeout().orElse(Duration.ZERO).toNanos();
            HttpResponse<String> response = future.get(boundNanos, TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * Reads the standard {@code Retry-After} header: a number of seconds (fractions accepted) or
     * an HTTP date. Returns empty when it is absent or unreadable.
     */
    public static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        Optional<Duration> seconds = seconds(text);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses a non-negative number of seconds, fractions accepted, such as {@code 1.234}. */
    public static Optional<Duration> seconds(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!(value >= 0) || value > 86_400) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil(value * 1e9)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Describes a failed exchange for a log line: the exception's class and message. The JDK's
     * messages do not contain the request URI, so no token leaks through them.
     */
    public static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e instanceof HttpTimeoutException ? "timed out" : e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
