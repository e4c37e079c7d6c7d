package fr.pareto.alerting.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertMarkers;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Notifier;
import fr.pareto.alerting.internal.DiscordMessages;
import fr.pareto.alerting.internal.DiscordWebhookUrl;
import fr.pareto.alerting.internal.Checks;
import fr.pareto.alerting.internal.JsonHttp;
import fr.pareto.alerting.internal.RateLimitState;
import fr.pareto.alerting.internal.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends alerts to a Discord channel through a webhook, as embeds coloured by severity.
 *
 * <pre>{@code
 * Notifier discord = DiscordNotifier.builder(System.getenv("PARETO_DISCORD_WEBHOOK_URL")).build();
 * }</pre>
 *
 * <p>Each message carries up to 10 alerts as embeds with title, description, colour, fields,
 * the source as author, the footer {@code Pareto Monitoring} and the alert's UTC timestamp.
 * Discord's limits are applied before sending by cutting text with a visible marker (field
 * values and descriptions lose their middle, so the root cause at the end of a wrapped
 * exception survives). Mentions are off: every payload carries
 * {@code "allowed_mentions": {"parse": []}} and {@code @everyone} and {@code @here} are
 * neutralised, unless {@link Builder#allowMentions(Mention...)} allows them.
 *
 * <p>Responses: 2xx is delivered (posts use {@code ?wait=true}, so Discord confirms it stored
 * the message); 429 returns a retry after Discord's {@code retry_after}; 5xx, timeouts and
 * connection errors return a retry; 401, 403 and 404 make the webhook unusable for the life of
 * this notifier, which is logged once; other 4xx fail for good with Discord's error code and
 * message. {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset-After} are honoured
 * before the next request, and that state is shared by every notifier in the JVM that posts to
 * the same webhook.
 *
 * <p>The webhook token is a credential: it never appears in {@link #name()},
 * {@link #toString()}, exceptions or logs, which show the webhook id and {@code ***}.
 *
 * <p>Thread-safe. Holds no thread of its own; the JDK HTTP client it uses runs on daemon
 * threads.
 */
public final class DiscordNotifier implements Notifier {

    /** Kinds of mention that a message may trigger; none by default. */
    public enum Mention {
        /** {@code <@id>} user mentions. */
        USERS,
        /** {@code <@&id>} role mentions. */
        ROLES,
        /** {@code @everyone} and {@code @here}. */
        EVERYONE
    }

    private static final Logger LOG = LoggerFactory.getLogger(DiscordNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Wait assumed when a 429 gives no duration at all. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final DiscordWebhookUrl webhook;
    private final URI postUri;
    private final DiscordMessages messages;
    private final JsonHttp http;
    private final RateLimitState rateLimit;
    private final Duration maxRateLimitWait;
    private final AtomicReference<String> unusable = new AtomicReference<>();

    private DiscordNotifier(Builder builder) {
        this.webhook = builder.webhook;
        this.postUri = webhook.postUri(builder.threadId);
        Set<String> parse = new TreeSet<>();
        builder.mentions.forEach(mention -> parse.add(mention.name().toLowerCase(Locale.ROOT)));
        this.messages = new DiscordMessages(new DiscordMessages.Settings(
                builder.content, builder.username, builder.avatarUrl, builder.footer, Set.copyOf(parse)));
        this.http = new JsonHttp(builder.connectTimeout, builder.requestTimeout);
        this.rateLimit = RateLimitState.of(webhook.rateLimitKey());
        this.maxRateLimitWait = builder.maxRateLimitWait;
    }

    /**
     * Starts a notifier for a webhook URL.
     *
     * @param webhookUrl {@code https://discord.com/api/webhooks/{id}/{token}}; http is accepted
     *     only for a loopback address (test servers)
     * @throws NullPointerException if webhookUrl is null
     * @throws IllegalArgumentException if the URL is not a Discord webhook URL; the message
     *     names what is wrong and shows the token as {@code ***}
     */
    public static Builder builder(String webhookUrl) {
        return new Builder(DiscordWebhookUrl.parse(webhookUrl));
    }

    /** Returns {@code discord webhook {id}/***}. */
    @Override
    public String name() {
        return "discord webhook " + webhook.id() + "/***";
    }

    /** Returns up to 10, fewer when their text would pass 6,000 code points in one message. */
    @Override
    public int batchSize(List<Alert> queued) {
        return messages.batchSize(queued);
    }

    /**
     * Posts the alerts as one message, or as several when they do not fit in one (a caller other
     * than the dispatcher may pass more than {@link #batchSize(List)} alerts). With several
     * messages, the first failure is returned, and a retry sends the earlier messages again.
     */
    @Override
    public DeliveryResult deliver(List<Alert> alerts) throws InterruptedException {
        int next = 0;
        while (next < alerts.size()) {
            List<Alert> rest = alerts.subList(next, alerts.size());
            int size = Math.max(1, Math.min(rest.size(), messages.batchSize(rest)));
            DeliveryResult result = deliverMessage(rest.subList(0, size));
            if (result.outcome() != DeliveryResult.Outcome.DELIVERED) {
                return result;
            }
            next += size;
        }
        return DeliveryResult.delivered();
    }

    private DeliveryResult deliverMessage(List<Alert> alerts) throws InterruptedException {
        String reason = unusable.get();
        if (reason != null) {
            return DeliveryResult.failed("Discord webhook " + webhook.redacted() + " is unusable (" + reason
                    + "); give a valid webhook URL and restart");
        }
        String payload = messages.payload(alerts);

        rateLimit.lock().lockInterruptibly();
        try {
            rateLimit.awaitTurn(maxRateLimitWait);
            JsonHttp.Response response;
            try {
                response = http.post(postUri, payload, Map.of());
            } catch (IOException e) {
                return DeliveryResult.retry("Discord request failed: " + webhook.scrub(JsonHttp.describe(e)));
            }
            long received = System.nanoTime();
            rateLimit.update(response.headers(), received);
            return classify(response, received);
        } finally {
            rateLimit.lock().unlock();
        }
    }

    /** Returns whether a 401, 403 or 404 has made this webhook unusable, and why. */
    public Optional<String> unusableReason() {
        return Optional.ofNullable(unusable.get());
    }

    @Override
    public String toString() {
        return "DiscordNotifier[" + webhook.redacted() + "]";
    }

    private DeliveryResult classify(JsonHttp.Response response, long receivedNanos) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered();
        }
        if (status == 429) {
            Duration wait = retryAfter(response);
            rateLimit.cooldown(wait, receivedNanos);
            return DeliveryResult.retryAfter("Discord rate limit (HTTP 429), retry after " + wait.toMillis() + " ms", wait);
        }
        String error = "HTTP " + status + discordError(response.body());
        if (status >= 500 || status == 408) {
            Optional<Duration> after = JsonHttp.retryAfter(response.headers());
            String reason = "Discord server error: " + error;
            return after.map(wait -> DeliveryResult.retryAfter(reason, wait)).orElseGet(() -> DeliveryResult.retry(reason));
        }
        if (status == 401 || status == 403 || status == 404) {
            if (unusable.compareAndSet(null, error)) {
                LOG.error(AlertMarkers.NO_ALERT, "Discord webhook {} is unusable ({}): it was deleted or its token is wrong;"
                        + " every alert to it fails until the URL is fixed and the service restarted",
                        webhook.redacted(), error);
            }
            return DeliveryResult.failed("Discord webhook " + webhook.redacted() + " is unusable (" + error + ")");
        }
        return DeliveryResult.failed("Discord rejected the message (" + error + "); it is not retried unchanged");
    }

    /** Reads the wait of a 429: {@code retry_after} in the body, else the headers, else 1 second. */
    private static Duration retryAfter(JsonHttp.Response response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("retry_after").isNumber()) {
                Optional<Duration> wait = JsonHttp.seconds(body.get("retry_after").asText());
                if (wait.isPresent()) {
                    return wait.get();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: fall back to the headers.
        }
        return JsonHttp.retryAfter(response.headers())
                .or(() -> response.headers().firstValue("X-RateLimit-Reset-After").flatMap(JsonHttp::seconds))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    /** Formats Discord's JSON error ({@code code}, {@code message}, {@code errors}) for a log line. */
    private String discordError(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.has("message")) {
                String text = ", Discord code " + node.path("code").asText("?") + ": " + node.path("message").asText();
                if (node.has("errors")) {
                    text += " " + Texts.cutEnd(node.get("errors").toString(), 1000);
                }
                return webhook.scrub(text);
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: show the start of the body instead.
        }
        return ": " + webhook.scrub(Texts.cutEnd(Texts.oneLine(body), 300));
    }

    /**
     * Configures a {@link DiscordNotifier}. Not thread-safe; each setter validates its argument
     * at once.
     */
    public static final class Builder {
        private final DiscordWebhookUrl webhook;
        private String username;
        private String avatarUrl;
        private String threadId;
        private String footer = "Pareto Monitoring";
        private String content = "";
        private final Set<Mention> mentions = EnumSet.noneOf(Mention.class);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration maxRateLimitWait = Duration.ofSeconds(60);

        private Builder(DiscordWebhookUrl webhook) {
            this.webhook = webhook;
        }

        /**
         * Overrides the name the messages are posted under. Default: the webhook's own name.
         *
         * @param username 1 to 80 characters, without "discord" or "clyde", which Discord rejects
         * @throws IllegalArgumentException if the name breaks those rules
         */
        public Builder username(String username) {
            Objects.requireNonNull(username, "username");
            int length = Texts.length(username.trim());
            String lower = username.toLowerCase(Locale.ROOT);
            if (length < 1 || length > 80 || lower.contains("discord") || lower.contains("clyde")) {
                throw new IllegalArgumentException("Invalid Discord username '" + username
                        + "': it must have 1 to 80 characters and must not contain \"discord\" or \"clyde\"");
            }
            this.username = username;
            return this;
        }

        /**
         * Overrides the avatar the messages are posted with. Default: the webhook's own avatar.
         *
         * @param avatarUrl an http or https URL of an image
         * @throws IllegalArgumentException if it is not an http or https URL
         */
        public Builder avatarUrl(URI avatarUrl) {
            Objects.requireNonNull(avatarUrl, "avatarUrl");
            String scheme = avatarUrl.getScheme() == null ? "" : avatarUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("Invalid avatar URL " + avatarUrl + ": it must be an http or https URL");
            }
            this.avatarUrl = avatarUrl.toString();
            return this;
        }

        /**
         * Posts into a thread of the webhook's channel (a forum post, for example). Default: the
         * channel itself.
         *
         * @param threadId the thread's numeric id (a Discord snowflake)
         * @throws IllegalArgumentException if it is not a number
         */
        public Builder threadId(String threadId) {
            Objects.requireNonNull(threadId, "threadId");
            if (!threadId.matches("\\d{1,25}")) {
                throw new IllegalArgumentException("Invalid Discord thread id '" + threadId + "': it must be a numeric id");
            }
            this.threadId = threadId;
            return this;
        }

        /**
         * Sets the footer of every embed. Default: {@code Pareto Monitoring}. Longer than 2,048
         * code points, it is cut.
         *
         * @param footer the text, empty for no footer
         */
        public Builder footer(String footer) {
            this.footer = Objects.requireNonNull(footer, "footer");
            return this;
        }

        /**
         * Sets text posted above the embeds of every message, such as a role mention for the
         * on-call team (with {@link #allowMentions(Mention...)}). Default: none. Longer than 2,000
         * code points, it is cut with a visible marker.
         */
        public Builder content(String content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        /**
         * Allows the given kinds of mention to notify people. Default: none, so text from
         * untrusted sources (exception messages, URLs) cannot ping anyone. Without
         * {@link Mention#EVERYONE}, {@code @everyone} and {@code @here} are also neutralised in
         * the text.
         */
        public Builder allowMentions(Mention... kinds) {
            for (Mention kind : kinds) {
                mentions.add(Objects.requireNonNull(kind, "mention"));
            }
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
         * Sets the bound on one request once connected, from sending to the last byte of the
         * response body. Default: 10 seconds. A request that takes longer is cancelled and
         * retried.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Checks.timeout("requestTimeout", timeout);
            return this;
        }

        /**
         * Sets the longest wait before a request for a rate limit announced by
         * {@code X-RateLimit-Reset-After}. Default: 60 seconds. A longer announced wait is cut
         * to this, and the request may then meet a 429, which is retried.
         *
         * @throws IllegalArgumentException if it is not from 1 ms to 5 minutes
         */
        public Builder maxRateLimitWait(Duration wait) {
            this.maxRateLimitWait = Checks.timeout("maxRateLimitWait", wait);
            return this;
        }

        /** Builds the notifier. */
        public DiscordNotifier build() {
            return new DiscordNotifier(this);
        }
    }
}
