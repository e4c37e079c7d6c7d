package fr.pareto.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Discord's documented message limits, counted in code points: content 2,000; at most 10
 * embeds; per embed a title of 256, a description of 4,096, at most 25 fields with names of
 * 256 and values of 1,024, a footer of 2,048 and an author name of 256; and 6,000 over the
 * title, description, field names and values, footer and author name of all embeds together.
 * Discord also rejects a field with an empty name or value.
 */
final class DiscordLimits {

    private DiscordLimits() {
    }

    /** Returns every limit the payload breaks, empty when it fits. */
    static List<String> violations(JsonNode payload) {
        List<String> problems = new ArrayList<>();
        check(problems, "content", payload.path("content"), 2000);
        check(problems, "username", payload.path("username"), 80);
        JsonNode embeds = payload.path("embeds");
        if (embeds.size() > 10) {
            problems.add("embeds: " + embeds.size() + " > 10");
        }
        if (embeds.isEmpty() && text(payload.path("content")).isEmpty()) {
            problems.add("message has neither content nor embeds");
        }
        long total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            JsonNode embed = embeds.get(i);
            String at = "embeds[" + i + "].";
            total += check(problems, at + "title", embed.path("title"), 256);
            total += check(problems, at + "description", embed.path("description"), 4096);
            total += check(problems, at + "footer.text", embed.path("footer").path("text"), 2048);
            total += check(problems, at + "author.name", embed.path("author").path("name"), 256);
            JsonNode fields = embed.path("fields");
            if (fields.size() > 25) {
                problems.add(at + "fields: " + fields.size() + " > 25");
            }
            for (int f = 0; f < fields.size(); f++) {
                JsonNode field = fields.get(f);
                String fieldAt = at + "fields[" + f + "].";
                total += check(problems, fieldAt + "name", field.path("name"), 256);
                total += check(problems, fieldAt + "value", field.path("value"), 1024);
                if (text(field.path("name")).isEmpty() || text(field.path("value")).isEmpty()) {
                    problems.add(fieldAt + "name or value is empty");
                }
            }
        }
        if (total > 6000) {
            problems.add("embeds total: " + total + " > 6000");
        }
        return problems;
    }

    /** Returns the code points of a text node and records it when over the limit. */
    private static long check(List<String> problems, String name, JsonNode node, int limit) {
        String text = text(node);
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints > limit) {
            problems.add(name + ": " + codePoints + " > " + limit + " code points");
        }
        return codePoints;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }
}
