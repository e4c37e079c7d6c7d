package fr.pareto.alerting.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Notifier;
import fr.pareto.alerting.internal.Checks;
import fr.pareto.alerting.internal.JsonHttp;
import fr.pareto.alerting.internal.Texts;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Posts each alert as a JSON object to an HTTP endpoint: an incident tool, an automation
 * service, or your own receiver.
 *
 * <pre>{@code
 * {"title":"API Health is down","description":"...","severity":"error","color":16711680,
 *  "source":"uptime","timestamp":"2026-12-04T19:23:07.123Z","link":"https://...",
 *  "deduplication_key":"error|uptime|API Health is down",
 *  "fields":[{"name":"Monitor","value":"API Health","inline":true}]}
 * }</pre>
 *
 * <p>{@code source} and {@code link} are left out when the alert has none. 2xx is delivered;
 * 408, 425, 429 and 5xx are retried (after {@code Retry-After} when the response has one);
 * other statuses fail for good. Header values (an {@code Authorization} token, for example) and
 * the URL's query are never logged: {@link #name()} shows only the scheme, host and path.
 *
 * <p>Thread-safe. It starts no thread of its own.
 */
public final class JsonWebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> RETRIED = Set.of(408, 425, 429);

    private final URI uri;
    private final String name;
    private final Map<String, String> headers;
    private final JsonHttp http;

    private JsonWebhookNotifier(Builder builder) {
        this.uri = builder.uri;
        this.name = "webhook " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        this.headers = Map.copyOf(builder.headers);
        this.http = new JsonHttp(builder.connectTimeout, builder.requestTimeout);
    }

    /**
     * Starts a notifier for an endpoint.
     *
     * @param url an http or https URL, without user info
     * @throws IllegalArgumentException if it is not such a URL
     */
    public static Builder builder(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("Invalid webhook URL with scheme '" + scheme
                    + "': it must be an absolute http or https URL with a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Invalid webhook URL " + scheme + "://" + url.getHost()
                    + "/...: put credentials in a header (Builder.header) instead of the user info");
        }
        return new Builder(url);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(List<Alert> alerts) throws InterruptedException {
        for (Alert alert : alerts) {
            DeliveryResult result = deliverOne(alert);
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                return result;
            }
        }
        return DeliveryResult.delivered();
    }

    /** Returns the JSON object posted for an alert. */
    public static String toJson(Alert alert) {
        ObjectNode node = JSON.createObjectNode();
        node.put("title", alert.title());
        node.put("description", alert.description());
        node.put("severity", alert.severity().jsonName());
        node.put("color", alert.color());
        alert.source().ifPresent(source -> node.put("source", source));
        node.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(alert.timestamp()));
        alert.link().ifPresent(link -> node.put("link", link.toString()));
        node.put("deduplication_key", alert.deduplicationKey());
        ArrayNode fields = node.putArray("fields");
        for (Alert.Field field : alert.fields()) {
            fields.addObject().put("name", field.name()).put("value", field.value()).put("inline", field.inline());
        }
        return node.toString();
    }

    @Override
    public String toString() {
        return "JsonWebhookNotifier[" + name + "]";
    }

    private DeliveryResult deliverOne(Alert alert) throws InterruptedException {
        JsonHttp.Response response;
        try {
            response = http.post(uri, toJson(alert), headers);
        } catch (IOException e) {
            return DeliveryResult.retry("webhook request failed: " + JsonHttp.describe(e));
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        String reason = "webhook answered HTTP " + status + bodyStart(response.body());
        if (status >= 500 || RETRIED.contains(status)) {
            Optional<Duration> wait = JsonHttp.retryAfter(response.headers());
            return wait.map(w -> DeliveryResult.retryAfter(reason, w)).orElseGet(() -> DeliveryResult.retry(reason));
        }
        return DeliveryResult.failed(reason + "; it is not retried unchanged");
    }

    private static String bodyStart(String body) {
        return body == null || body.isBlank() ? "" : ": " + Texts.cutEnd(Texts.oneLine(body), 300);
    }

    /**
     * Configures a {@link JsonWebhookNotifier}. Not thread-safe; each setter validates its
     * argument at once.
     */
    public static final class Builder {
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * Adds a header to every request, such as {@code Authorization}. Its value is never
         * logged.
         *
         * @throws IllegalArgumentException if the name or value contains CR, LF or another
         *     control character
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (name.isBlank() || !name.equals(Texts.oneLine(name)) || !value.equals(Texts.oneLine(value))) {
                throw new IllegalArgumentException("Invalid header '" + Texts.oneLine(name)
                        + "': the name must not be blank and neither name nor value may contain control characters");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Sets the bound on opening a connection. Default: 5 seconds.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.timeout("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets the bound on one request once connected, response body included. Default: 10
         * seconds.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Checks.timeout("requestTimeout", timeout);
            return this;
        }

        /** Builds the notifier. */
        public JsonWebhookNotifier build() {
            return new JsonWebhookNotifier(this);
        }
    }
}
