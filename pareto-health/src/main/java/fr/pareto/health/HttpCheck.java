package fr.pareto.health;

import fr.pareto.health.internal.Arguments;
import fr.pareto.health.internal.LimitedBodySubscriber;
import fr.pareto.health.internal.Texts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * A check that sends {@code GET} to a URL and accepts the response when its status code lies in
 * an expected range and, optionally, its body contains or lacks a keyword, like Uptime Kuma's
 * HTTP and keyword monitors.
 *
 * <p>Redirects are not followed unless {@link Builder#followRedirects(boolean)} turns it on, so
 * a health URL that starts redirecting to a login page is reported rather than hidden. The whole
 * exchange, body included, is bounded by the timeout. Messages and details show the URL without
 * user information or query string, since those often carry credentials; header values are never
 * shown.
 *
 * <p>Immutable and thread-safe. The check owns one {@link HttpClient}, whose worker threads are
 * daemons; it needs no closing.
 *
 * <pre>{@code
 * HealthCheck web = HttpCheck.builder("http://web:3000/").name("web").bodyContains("<title>Pareto").build();
 * }</pre>
 */
public final class HttpCheck implements HealthCheck {

    private final String name;
    private final URI uri;
    private final String shownUri;
    private final int minStatus;
    private final int maxStatus;
    private final String bodyContains;
    private final String bodyNotContains;
    private final Duration timeout;
    private final boolean followRedirects;
    private final int maxBodyBytes;
    private final Map<String, String> headers;
    private final HttpClient client;

    private HttpCheck(Builder builder) {
        this.uri = builder.uri;
        this.shownUri = shown(builder.uri);
        this.name = builder.name != null ? builder.name : shownUri;
        this.minStatus = builder.minStatus;
        this.maxStatus = builder.maxStatus;
        this.bodyContains = builder.bodyContains;
        this.bodyNotContains = builder.bodyNotContains;
        this.timeout = builder.timeout;
        this.followRedirects = builder.followRedirects;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.headers = Map.copyOf(builder.headers);
        HttpClient.Builder clientBuilder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (builder.sslContext != null) {
            clientBuilder.sslContext(builder.sslContext);
        }
        this.client = clientBuilder.build();
    }

    /**
     * Starts a check of an {@code http} or {@code https} URL.
     *
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the URL is not absolute {@code http} or {@code https}
     */
    public static Builder builder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Invalid URL: " + shown(uri)
                    + "; it must be an absolute http or https URL such as http://api:8080/health");
        }
        return new Builder(uri);
    }

    /**
     * Starts a check of an {@code http} or {@code https} URL given as text.
     *
     * @throws IllegalArgumentException if the text is not an absolute {@code http} or {@code https} URL
     */
    public static Builder builder(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            return builder(URI.create(uri));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Invalid URL")) {
                throw e;
            }
            throw new IllegalArgumentException("Invalid URL: " + Texts.scrub(uri)
                    + "; it must be an absolute http or https URL such as http://api:8080/health", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the URL as shown in messages: without user information or query string. */
    public String url() {
        return shownUri;
    }

    /**
     * Sends one request. Returns {@link HealthStatus#OK} with details {@code url},
     * {@code status_code} and {@code response_ms} when the response matches, and
     * {@link HealthStatus#ERROR} with the reason otherwise. Never throws; an interrupt ends the
     * request, is reported as an error and leaves the thread's interrupt flag set.
     */
    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
        boolean needsBody = bodyContains != null || bodyNotContains != null;
        HttpResponse.BodyHandler<String> handler = needsBody
                ? info -> new LimitedBodySubscriber(maxBodyBytes, charsetOf(info))
                : HttpResponse.BodyHandlers.replacing(null);

        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(), handler);
        HttpResponse<String> response;
        try {
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failure("timed out after " + Texts.duration(timeout) + " waiting for " + shownUri);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return failure("interrupted while waiting for " + shownUri);
        } catch (ExecutionException e) {
            // The client's own request timeout can fire just before the wait above gives up.
            if (e.getCause() instanceof HttpTimeoutException) {
                return failure("timed out after " + Texts.duration(timeout) + " waiting for " + shownUri);
            }
            return failure("request to " + shownUri + " failed: " + Texts.reason(e.getCause()));
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        return evaluate(response, elapsedMillis);
    }

    private HealthResult evaluate(HttpResponse<String> response, long elapsedMillis) {
        int status = response.statusCode();
        HealthResult.Builder result;
        if (status < minStatus || status > maxStatus) {
            String message = "HTTP " + status + " from " + shownUri + ", expected " + minStatus + "-" + maxStatus;
            if (status >= 300 && status < 400 && !followRedirects) {
                message += " (redirects are not followed unless followRedirects(true) is set)";
            }
            result = HealthResult.builder(HealthStatus.ERROR).message(message);
        } else if (bodyContains != null && !response.body().contains(bodyContains)) {
            result = HealthResult.builder(HealthStatus.ERROR)
                    .message("keyword \"" + bodyContains + "\" not found in the body of " + shownUri);
        } else if (bodyNotContains != null && response.body().contains(bodyNotContains)) {
            result = HealthResult.builder(HealthStatus.ERROR)
                    .message("unwanted keyword \"" + bodyNotContains + "\" found in the body of " + shownUri);
        } else {
            result = HealthResult.builder(HealthStatus.OK).message("HTTP " + status + " from " + shownUri);
        }
        return result.detail("url", shownUri).detail("status_code", status).detail("response_ms", elapsedMillis).build();
    }

    private HealthResult failure(String message) {
        return HealthResult.builder(HealthStatus.ERROR).message(message).detail("url", shownUri).build();
    }

    private static Charset charsetOf(HttpResponse.ResponseInfo info) {
        Optional<String> contentType = info.headers().firstValue("Content-Type");
        if (contentType.isPresent()) {
            for (String parameter : contentType.get().split(";")) {
                String trimmed = parameter.trim();
                if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(trimmed.substring(8).replace("\"", ""));
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String shown(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            text.append(uri.getHost());
        }
        if (uri.getPort() != -1) {
            text.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "HttpCheck[" + name + " -> " + shownUri + ", expected " + minStatus + "-" + maxStatus
                + ", timeout " + Texts.duration(timeout) + "]";
    }

    /** Builds an {@link HttpCheck}. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private String name;
        private int minStatus = 200;
        private int maxStatus = 299;
        private String bodyContains;
        private String bodyNotContains;
        private Duration timeout = Duration.ofSeconds(5);
        private boolean followRedirects;
        private int maxBodyBytes = 1024 * 1024;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private SSLContext sslContext;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /** Sets the name under which the result is reported. Default: the URL without query string. */
        public Builder name(String name) {
            this.name = Arguments.name(name);
            return this;
        }

        /**
         * Sets the accepted status codes, both ends inclusive. Default: 200 to 299.
         *
         * @throws IllegalArgumentException unless {@code 100 <= min <= max <= 599}
         */
        public Builder expectedStatus(int min, int max) {
            if (min < 100 || max > 599 || min > max) {
                throw new IllegalArgumentException("Invalid expected status range: " + min + "-" + max
                        + "; both ends must lie between 100 and 599 with min <= max");
            }
            this.minStatus = min;
            this.maxStatus = max;
            return this;
        }

        /**
         * Requires the body to contain this text (case-sensitive), searched in the first
         * {@link #maxBodyBytes(int)} bytes. Default: no requirement.
         */
        public Builder bodyContains(String keyword) {
            this.bodyContains = keyword(keyword);
            return this;
        }

        /**
         * Requires the body not to contain this text (case-sensitive), searched in the first
         * {@link #maxBodyBytes(int)} bytes. Default: no requirement.
         */
        public Builder bodyNotContains(String keyword) {
            this.bodyNotContains = keyword(keyword);
            return this;
        }

        /**
         * Sets the bound on the whole exchange: connection, response headers and the body read
         * for keywords. Default: 5 s. Range: 1 ms to 1 h.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.timeout(timeout, "timeout");
            return this;
        }

        /**
         * Follows redirects (except https to http) when {@code true}. Default: {@code false}, so
         * a 3xx response is checked against the expected status range like any other.
         */
        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        /**
         * Sets how many bytes of the body the keyword search reads; the rest is not downloaded.
         * Default: 1 MiB. Range: 1 byte to 64 MiB. Used only with a keyword.
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException(
                        "Invalid maxBodyBytes: " + maxBodyBytes + "; it must lie between 1 and 67108864");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Adds a request header, such as {@code Authorization}. Its value never appears in results.
         *
         * @throws IllegalArgumentException if the JDK client rejects the header, such as {@code Host}
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            // Fails now, not at check time, for restricted names such as Host or bad characters.
            HttpRequest.newBuilder().header(name, value);
            headers.put(name, value);
            return this;
        }

        /** Sets the TLS context for {@code https}, such as one trusting an internal CA. Default: the JVM's. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** Builds the check. */
        public HttpCheck build() {
            return new HttpCheck(this);
        }

        private static String keyword(String keyword) {
            Objects.requireNonNull(keyword, "keyword");
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("Invalid keyword: it is empty; give the text to look for");
            }
            return keyword;
        }
    }
}
