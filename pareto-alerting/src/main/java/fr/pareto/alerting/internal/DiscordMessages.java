package fr.pareto.alerting.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pareto.alerting.Alert;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds Discord webhook payloads within Discord's documented limits, counted in code points.
 * Text over a limit is cut with a visible marker, never rejected: a 400 would lose the alert.
 */
public final class DiscordMessages {

    /** Maximum code points of the message content. */
    public static final int CONTENT = 2000;
    /** Maximum code points of an embed title. */
    public static final int TITLE = 256;
    /** Maximum code points of an embed description. */
    public static final int DESCRIPTION = 4096;
    /** Maximum number of fields in one embed. */
    public static final int FIELDS = 25;
    /** Maximum code points of a field name. */
    public static final int FIELD_NAME = 256;
    /** Maximum code points of a field value. */
    public static final int FIELD_VALUE = 1024;
    /** Maximum code points of an embed footer. */
    public static final int FOOTER = 2048;
    /** Maximum code points of an embed author name. */
    public static final int AUTHOR = 256;
    /** Maximum code points of all titles, descriptions, fields, footers and authors of one message. */
    public static final int TOTAL = 6000;
    /** Maximum number of embeds in one message. */
    public static final int EMBEDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Discord rejects empty field names and values; a zero-width space shows as nothing. */
    private static final String EMPTY = "\u200B";

    /**
     * The per-webhook settings that shape every message.
     *
     * @param content text above the embeds, empty for none
     * @param username overrides the webhook's name, or null
     * @param avatarUrl overrides the webhook's avatar, or null
     * @param footer footer text of every embed
     * @param allowedMentions values of {@code allowed_mentions.parse}: empty, or some of
     *     {@code users}, {@code roles}, {@code everyone}
     */
    public record Settings(String content, String username, String avatarUrl, String footer, Set<String> allowedMentions) {
    }

    /** One embed as mutable text, so the 6,000 total can shorten it after the per-part limits. */
    private static final class Embed {
        String title;
        String description;
        String author;
        String footer;
        final List<String[]> fields = new ArrayList<>();
        final List<Boolean> inline = new ArrayList<>();
        String url;
        int color;
        String timestamp;

        int size() {
            int size = Texts.length(title) + Texts.length(description) + Texts.length(author) + Texts.length(footer);
            for (String[] field : fields) {
                size += Texts.length(field[0]) + Texts.length(field[1]);
            }
            return size;
        }
    }

    private final Settings settings;

    /** Creates a builder for one webhook's settings. */
    public DiscordMessages(Settings settings) {
        this.settings = settings;
    }

    /**
     * Returns how many of the first alerts fit in one message: at most {@link #EMBEDS}, and as
     * many as keep the total within {@link #TOTAL} after the per-part limits; always at least 1.
     */
    public int batchSize(List<Alert> queued) {
        int count = 0;
        int total = 0;
        for (Alert alert : queued) {
            if (count == EMBEDS) {
                break;
            }
            total += embed(alert).size();
            if (count > 0 && total > TOTAL) {
                break;
            }
            count++;
        }
        return Math.max(1, count);
    }

    /** Returns the JSON payload of one message carrying the given alerts, all limits applied. */
    public String payload(List<Alert> alerts) {
        List<Embed> embeds = new ArrayList<>();
        for (Alert alert : alerts.subList(0, Math.min(EMBEDS, alerts.size()))) {
            embeds.add(embed(alert));
        }
        fitTotal(embeds);

        ObjectNode root = JSON.createObjectNode();
        if (!settings.content().isEmpty()) {
            root.put("content", Texts.cutEnd(mentionSafe(settings.content()), CONTENT));
        }
        if (settings.username() != null) {
            root.put("username", settings.username());
        }
        if (settings.avatarUrl() != null) {
            root.put("avatar_url", settings.avatarUrl());
        }
        ArrayNode array = root.putArray("embeds");
        for (Embed embed : embeds) {
            array.add(toJson(embed));
        }
        ArrayNode parse = root.putObject("allowed_mentions").putArray("parse");
        settings.allowedMentions().stream().sorted().forEach(parse::add);
        return root.toString();
    }

    private Embed embed(Alert alert) {
        Embed embed = new Embed();
        embed.title = Texts.cutEnd(mentionSafe(alert.title()), TITLE, "…");
        embed.description = Texts.cutMiddle(mentionSafe(alert.description()), DESCRIPTION);
        embed.author = Texts.cutEnd(mentionSafe(alert.source().orElse("")), AUTHOR, "…");
        embed.footer = Texts.cutEnd(mentionSafe(settings.footer()), FOOTER, "…");
        embed.color = alert.color();
        embed.timestamp = DateTimeFormatter.ISO_INSTANT.format(alert.timestamp());

        List<Alert.Field> fields = alert.fields();
        alert.link().ifPresent(link -> {
            String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https") || scheme.equals("http")) {
                embed.url = link.toString();
            }
        });
        int shown = fields.size() <= FIELDS ? fields.size() : FIELDS - 1;
        for (Alert.Field field : fields.subList(0, shown)) {
            embed.fields.add(new String[] {
                nonEmpty(Texts.cutEnd(mentionSafe(field.name()), FIELD_NAME, "…")),
                nonEmpty(Texts.cutMiddle(mentionSafe(field.value()), FIELD_VALUE))
            });
            embed.inline.add(field.inline());
        }
        if (shown < fields.size()) {
            embed.fields.add(new String[] {"…", (fields.size() - shown) + " more fields not shown (Discord allows "
                    + FIELDS + ")"});
            embed.inline.add(false);
        }
        if (embed.url == null && alert.link().isPresent() && embed.fields.size() < FIELDS) {
            embed.fields.add(new String[] {"Link", Texts.cutEnd(mentionSafe(alert.link().get().toString()), FIELD_VALUE)});
            embed.inline.add(false);
        }
        return embed;
    }

    /**
     * Shortens the longest texts of the message, all to the same cap, until the total is within
     * {@link #TOTAL}: a long stack trace gives up more than a short field does.
     */
    private static void fitTotal(List<Embed> embeds) {
        int total = embeds.stream().mapToInt(Embed::size).sum();
        if (total <= TOTAL) {
            return;
        }
        int low = 1;
        int high = TOTAL;
        while (low < high) {
            int cap = (low + high + 1) / 2;
            if (cappedTotal(embeds, cap) <= TOTAL) {
                low = cap;
            } else {
                high = cap - 1;
            }
        }
        int cap = low;
        for (Embed embed : embeds) {
            embed.title = Texts.cutEnd(embed.title, cap, "…");
            embed.description = Texts.cutMiddle(embed.description, cap);
            embed.author = Texts.cutEnd(embed.author, cap, "…");
            embed.footer = Texts.cutEnd(embed.footer, cap, "…");
            for (String[] field : embed.fields) {
                field[0] = nonEmpty(Texts.cutEnd(field[0], cap, "…"));
                field[1] = nonEmpty(Texts.cutMiddle(field[1], cap));
            }
        }
    }

    private static int cappedTotal(List<Embed> embeds, int cap) {
        int total = 0;
        for (Embed embed : embeds) {
            total += Math.min(cap, Texts.length(embed.title)) + Math.min(cap, Texts.length(embed.description))
                    + Math.min(cap, Texts.length(embed.author)) + Math.min(cap, Texts.length(embed.footer));
            for (String[] field : embed.fields) {
                total += Math.min(cap, Texts.length(field[0])) + Math.min(cap, Texts.length(field[1]));
            }
        }
        return total;
    }

    private static ObjectNode toJson(Embed embed) {
        ObjectNode node = JSON.createObjectNode();
        node.put("title", embed.title);
        if (!embed.description.isEmpty()) {
            node.put("description", embed.description);
        }
        if (embed.url != null) {
            node.put("url", embed.url);
        }
        node.put("color", embed.color);
        node.put("timestamp", embed.timestamp);
        if (!embed.author.isEmpty()) {
            node.putObject("author").put("name", embed.author);
        }
        if (!embed.fields.isEmpty()) {
            ArrayNode fields = node.putArray("fields");
            for (int i = 0; i < embed.fields.size(); i++) {
                fields.addObject()
                        .put("name", embed.fields.get(i)[0])
                        .put("value", embed.fields.get(i)[1])
                        .put("inline", embed.inline.get(i));
            }
        }
        if (!embed.footer.isEmpty()) {
            node.putObject("footer").put("text", embed.footer);
        }
        return node;
    }

    private String mentionSafe(String text) {
        return settings.allowedMentions().contains("everyone") ? text : Texts.neutraliseMassMentions(text);
    }

    private static String nonEmpty(String text) {
        return text.isBlank() ? EMPTY : text;
    }
}
