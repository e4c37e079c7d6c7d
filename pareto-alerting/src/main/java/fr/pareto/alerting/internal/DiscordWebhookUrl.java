package fr.pareto.alerting.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated Discord webhook URL. Only {@link #redacted()} may appear in messages: the token
 * is a credential that lets anyone post to the channel.
 */
public final class DiscordWebhookUrl {

    private static final Pattern PATH = Pattern.compile("/api(?:/v\\d{1,2})?/webhooks/(\\d{1,25})/([A-Za-z0-9_.\\-]{1,200})/?");
    private static final String HOW_TO_GET =
            "copy it from Discord (channel settings > Integrations > Webhooks > Copy Webhook URL)";

    private final String id;
    private final String token;
    private final URI base;
    private final String redacted;

    private DiscordWebhookUrl(String id, String token, URI base, String redacted) {
        this.id = id;
        this.token = token;
        this.base = base;
        this.redacted = redacted;
    }

    /**
     * Parses and validates a webhook URL: https (or http to a loopback address, for test
     * servers), a host, the path {@code /api/webhooks/{id}/{token}}, no query and no fragment.
     *
     * @throws IllegalArgumentException naming what is wrong, with the token replaced by {@code ***}
     */
    public static DiscordWebhookUrl parse(String url) {
        Objects.requireNonNull(url, "webhookUrl");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // The reason from URISyntaxException quotes the input, token included, so it is left out.
            throw new IllegalArgumentException("Invalid Discord webhook URL: it is not a valid URI (character "
                    + e.getIndex() + "; the value is not shown because it contains the token); " + HOW_TO_GET);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("Invalid Discord webhook URL: it has no host; " + HOW_TO_GET);
        }
        String origin = scheme + "://" + uri.getRawAuthority();
        Matcher path = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!path.matches()) {
            throw new IllegalArgumentException("Invalid Discord webhook URL " + origin
                    + "/...: the path must be /api/webhooks/{id}/{token} (path not shown because it may contain the token); "
                    + HOW_TO_GET);
        }
        String id = path.group(1);
        String redacted = origin + "/api/webhooks/" + id + "/***";
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            throw new IllegalArgumentException("Invalid Discord webhook URL " + redacted + ": the scheme must be https"
                    + " (http is accepted only for loopback test servers), not '" + scheme + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Invalid Discord webhook URL " + redacted
                    + ": remove the query and fragment; set a thread with DiscordNotifier.Builder.threadId");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Invalid Discord webhook URL " + redacted + ": remove the user info before the host");
        }
        URI base = URI.create(origin + "/api/webhooks/" + id + "/" + path.group(2));
        return new DiscordWebhookUrl(id, path.group(2), base, redacted);
    }

    /** Returns the webhook id, which is not secret. */
    public String id() {
        return id;
    }

    /** Returns the URL with the token replaced by {@code ***}, safe for messages. */
    public String redacted() {
        return redacted;
    }

    /** Returns the URI to post to, with {@code wait=true} and the optional thread id. */
    public URI postUri(String threadId) {
        return URI.create(base + "?wait=true" + (threadId == null ? "" : "&thread_id=" + threadId));
    }

    /** Returns the key under which rate-limit state is shared: one per webhook and server. */
    public String rateLimitKey() {
        return base.toString();
    }

    /** Replaces the token wherever it appears in a text that may be logged. */
    public String scrub(String text) {
        return text == null ? "" : text.replace(token, "***");
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
