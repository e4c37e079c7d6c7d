package fr.pareto.alerting.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text copied from log events into alerts, with the same rules as the
 * JSON log lines of {@code pareto-logging}:
 *
 * <ul>
 *   <li>the value after {@code name=} or {@code name:} when the name (a whole word, ignoring case,
 *       {@code -} and {@code _}) contains password, passwd, secret, token, apikey, authorization,
 *       cookie, session, signature, credential or privatekey, or is exactly {@code sig};
 *   <li>the credentials after {@code Bearer} or {@code Basic};
 *   <li>the password of {@code scheme://user:password@}.
 * </ul>
 *
 * <p>A parenthesised placeholder such as {@code (none)} is not a secret and stays. Thread-safe.
 */
public final class SecretText {

    /** The text that replaces a masked value. */
    public static final String MASK = "***";

    private static final String SECRET_WORD = "pass(?:word|wd)|secret|token|api[-_]?key|authorization|cookie|session"
            + "|signature|credential|private[-_]?key";

    // The name is a whole word: no name character before it. A dot is excluded from names so that
    // a stack trace's "TokenStore.java:42" is not taken for a name and value. Bounded repetitions
    // keep the scan linear in the text's length, so a name has at most 64 characters on each side
    // of its secret word.
    private static final Pattern NAME_VALUE = Pattern.compile(
            "(?<![\\w-])((?:[\\w-]{0,64}(?:" + SECRET_WORD + ")[\\w-]{0,64}|sig))([\"']?[ \\t]*[=:][ \\t]*)"
                    + "(?!\\([\\w -]{1,30}\\))"
                    + "(?:\"([^\"]*)\"|'([^']*)'|((?:(?i:bearer|basic|digest|token)[ \\t]+)?[^\\s&,;\"'<>)\\]}]+))",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern SCHEME_CREDENTIALS = Pattern.compile(
            "(?<![\\w-])(?:Bearer|Basic)[ \\t]+([A-Za-z0-9._~+/=-]+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\\s:/?#@\"]{0,256}:([^\\s/?#@\"]{1,256})@");

    private SecretText() {
    }

    /** Returns {@code text} with its secrets replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = maskGroups(URL_PASSWORD, text);
        masked = maskNameValues(masked);
        return maskGroups(SCHEME_CREDENTIALS, masked);
    }

    private static String maskNameValues(String text) {
        Matcher matcher = NAME_VALUE.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            int group = matcher.start(3) >= 0 ? 3 : matcher.start(4) >= 0 ? 4 : 5;
            if (matcher.end(group) <= matcher.start(group) || text.startsWith(MASK, matcher.start(group))
                    && matcher.end(group) - matcher.start(group) == MASK.length()) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start(group)).append(MASK);
            copied = matcher.end(group);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static String maskGroups(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start(1)).append(MASK);
            copied = matcher.end(1);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
