package fr.pareto.errors.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redacts secrets from error context and text: values under keys named like secrets, and the
 * values of query parameters named like secrets inside any text ({@code ?token=abc} becomes
 * {@code ?token=[REDACTED]}).
 *
 * <p>A name is secret when, in lower case and with {@code -}, {@code _} and {@code .} removed,
 * it contains one of the secret words ({@code authorization}, {@code cookie}, {@code apikey},
 * {@code password}, {@code passwd}, {@code token}, {@code secret}, {@code credential},
 * {@code privatekey}, {@code sessionid}) or one the user added. So {@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code X-Api-Key},
 * {@code api_key}, {@code access_token} and {@code DB_PASSWORD} are all secret, in any case.
 *
 * <p>Immutable and thread-safe.
 */
public final class Scrubber {

    /** The text that replaces a secret value. */
    public static final String REDACTED = "[REDACTED]";

    private static final List<String> DEFAULT_WORDS = List.of(
            "authorization", "cookie", "apikey", "password", "passwd", "token", "secret", "credential", "privatekey",
            "sessionid");

    private final List<String> words;

    /**
     * Creates a scrubber with the default secret words plus the given names.
     *
     * @param extraNames more secret names, compared the same way as the defaults
     */
    public Scrubber(Collection<String> extraNames) {
        List<String> all = new ArrayList<>(DEFAULT_WORDS);
        for (String name : extraNames) {
            all.add(squash(name));
        }
        this.words = List.copyOf(all);
    }

    /** Returns whether a key, header or parameter name is named like a secret. */
    public boolean isSecretName(String name) {
        String squashed = squash(name);
        for (String word : words) {
            if (squashed.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a copy of the context with secret values redacted, values cut to
     * {@code maxValueLength} characters and at most {@code maxEntries} entries kept.
     */
    public Map<String, String> scrub(Map<String, String> context, int maxEntries, int maxValueLength) {
        if (context.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : context.entrySet()) {
            if (out.size() >= maxEntries) {
                break;
            }
            String key = entry.getKey();
            String value = isSecretName(key) ? REDACTED : truncate(scrubText(entry.getValue()), maxValueLength);
            out.put(key, value);
        }
        return out;
    }

    /**
     * Returns the text with the values of secret-named query parameters redacted. A parameter is
     * a name made of letters, digits, {@code -}, {@code _} and {@code .}, followed by {@code =};
     * its value runs to the next {@code &}, {@code ;}, {@code #}, white space or quote.
     */
    public String scrubText(String text) {
        if (text == null || text.indexOf('=') < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int equals = text.indexOf('=');
        while (equals >= 0) {
            int nameStart = equals;
            while (nameStart > 0 && isNameChar(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            int valueEnd = equals + 1;
            while (valueEnd < text.length() && !isValueEnd(text.charAt(valueEnd))) {
                valueEnd++;
            }
            if (nameStart < equals && valueEnd > equals + 1 && isSecretName(text.substring(nameStart, equals))) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, equals + 1).append(REDACTED);
                copied = valueEnd;
            }
            equals = text.indexOf('=', valueEnd);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }

    private static boolean isValueEnd(char c) {
        return c == '&' || c == ';' || c == '#' || c == '"' || c == '\'' || Character.isWhitespace(c);
    }

    private static String truncate(String value, int maxLength) {
        return value.length() <= maxLength ? value : value.substring(0, maxLength) + "...";
    }

    private static String squash(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
