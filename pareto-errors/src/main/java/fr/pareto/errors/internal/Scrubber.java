package fr.pareto.errors.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redacts secrets from error context and from free text such as exception messages.
 *
 * <p>In a context, the whole value under a key named like a secret is redacted. In text, and in
 * the other context values, four forms are found and their secret part redacted:
 * <ul>
 *   <li>{@code name=value} where the name is secret: {@code ?token=abc}, {@code password="a b"};
 *   <li>{@code Name: value} where the name contains a secret word: {@code Authorization: Bearer abc}
 *       keeps the scheme and hides the credentials, a {@code Cookie} or {@code Set-Cookie} value is
 *       hidden to the end of the line, any other value up to the next space or delimiter;
 *   <li>{@code Bearer <token>} anywhere, and {@code Basic <credentials>} when the credentials look
 *       like Base64 (so that {@code Basic authentication failed} stays readable);
 *   <li>the user information of a URL: {@code https://user:password@host} keeps the user and
 *       hides the password, {@code https://token@host} hides the token.
 * </ul>
 *
 * <p>A name is secret when, in lower case and with {@code -}, {@code _} and {@code .} removed,
 * it contains one of the {@linkplain #DEFAULT_WORDS secret words} or a name the user added, or
 * when it is one of the {@linkplain #DEFAULT_EXACT_NAMES exact names} (after an optional
 * {@code x-} or {@code header_} prefix). So {@code Authorization}, {@code Cookie},
 * {@code X-Session}, {@code X-Api-Key}, {@code access_token}, {@code DB_PASSWORD}, {@code sig}
 * and {@code X-Auth} are secret, in any case, while {@code author}, {@code monkey} and
 * {@code signal} are not. The exact names count for context keys and {@code name=value} pairs,
 * not for the {@code Name: value} form, where "key" or "pass" in a sentence would hide text.
 *
 * <p>Immutable and thread-safe.
 */
public final class Scrubber {

    /** The text that replaces a secret value. */
    public static final String REDACTED = "***";

    /** Words that make any name containing them secret, in squashed form (lower case, no separators). */
    public static final List<String> DEFAULT_WORDS = List.of(
            "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "authorization", "cookie",
            "session", "signature", "credential", "privatekey");
    /** Names secret only as a whole, in squashed form: as parts of longer names they are too common. */
    public static final List<String> DEFAULT_EXACT_NAMES = List.of(
            "auth", "sig", "key", "pwd", "pass", "jwt", "sid", "otp", "csrf", "xsrf");
    private static final List<String> AUTH_SCHEMES = List.of("bearer", "basic", "digest", "negotiate", "token");

    private final List<String> words;
    private final List<String> exactNames;

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
        this.exactNames = DEFAULT_EXACT_NAMES;
    }

    /** Returns whether a key, header or parameter name is named like a secret. */
    public boolean isSecretName(String name) {
        return containsSecretWord(name) || isExactSecretName(name);
    }

    private boolean containsSecretWord(String name) {
        String squashed = squash(name);
        for (String word : words) {
            if (squashed.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Compares the name, without a {@code header_} or {@code x-} prefix, with the exact names. */
    private boolean isExactSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("header_")) {
            lower = lower.substring(7);
        }
        if (lower.startsWith("x-") || lower.startsWith("x_")) {
            lower = lower.substring(2);
        }
        return exactNames.contains(squash(lower));
    }

    /** The longest context key kept, in code points; JSON parsers cap name lengths (Jackson at 50,000 by default). */
    public static final int MAX_KEY_LENGTH = 256;

    /**
     * Returns a copy of the context with secret values redacted, values cut to
     * {@code maxValueLength} characters, keys cut to {@link #MAX_KEY_LENGTH} code points and
     * at most {@code maxEntries} entries kept. A cut key ends with {@code ...}, and one that
     * then equals a key already kept gets {@code _2}, {@code _3}, ... appended, so no value is lost.
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
            out.put(uniqueKey(out, capKey(key)), value);
        }
        return out;
    }

    private static String capKey(String key) {
        if (key.length() <= MAX_KEY_LENGTH || key.codePointCount(0, key.length()) <= MAX_KEY_LENGTH) {
            return key;
        }
        return key.substring(0, key.offsetByCodePoints(0, MAX_KEY_LENGTH)) + "...";
    }

    private static String uniqueKey(Map<String, String> taken, String key) {
        String unique = key;
        for (int n = 2; taken.containsKey(unique); n++) {
            unique = key + "_" + n;
        }
        return unique;
    }

    /**
     * Returns the text with its secrets redacted, in the forms the class describes; the text
     * itself when it contains none. Linear in the length of the text.
     */
    public String scrubText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int[] secret;
            if (c == '=') {
                secret = valueAfterEquals(text, i);
            } else if (c == ':') {
                secret = text.startsWith("//", i + 1) ? urlUserInfo(text, i) : valueAfterColon(text, i);
            } else if (c == 'B' || c == 'b') {
                secret = credentialsAfterScheme(text, i);
            } else {
                continue;
            }
            if (secret == null || secret[0] < copied || secret[1] <= secret[0]) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length + 16);
            }
            out.append(text, copied, secret[0]).append(REDACTED);
            copied = secret[1];
            i = secret[1] - 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, length).toString();
    }

    /** {@code name=value} with a secret name: returns the value's range, or null. */
    private int[] valueAfterEquals(String text, int equals) {
        int nameStart = nameStart(text, equals);
        if (nameStart == equals || !isSecretName(text.substring(nameStart, equals))) {
            return null;
        }
        return value(text, equals + 1);
    }

    /** {@code Name: value} with a name that contains a secret word: returns the secret part's range, or null. */
    private int[] valueAfterColon(String text, int colon) {
        int nameEnd = colon;
        if (nameEnd > 0 && (text.charAt(nameEnd - 1) == '"' || text.charAt(nameEnd - 1) == '\'')) {
            nameEnd--;
        }
        int nameStart = nameStart(text, nameEnd);
        if (nameStart == nameEnd) {
            return null;
        }
        String name = text.substring(nameStart, nameEnd);
        // A dotted name before a colon is a file position in a stack trace ("TokenStore.java:42").
        if (name.indexOf('.') >= 0 || !containsSecretWord(name)) {
            return null;
        }
        int start = skipSpaces(text, colon + 1);
        if (start >= text.length()) {
            return null;
        }
        char first = text.charAt(start);
        if (first != '"' && first != '\'' && squash(name).contains("cookie")) {
            // A cookie header lists several cookies, each possibly a session: hide the whole line.
            int end = start;
            while (end < text.length() && !isLineEnd(text.charAt(end))) {
                end++;
            }
            return new int[] {start, end};
        }
        int schemeEnd = tokenEnd(text, start);
        if (schemeEnd < text.length() && text.charAt(schemeEnd) == ' ' && isAuthScheme(text, start, schemeEnd)) {
            int credentials = skipSpaces(text, schemeEnd);
            return new int[] {credentials, tokenEnd(text, credentials)};
        }
        return value(text, start);
    }

    /** {@code Bearer <token>} or {@code Basic <Base64>} as a word of its own: returns the credentials' range, or null. */
    private static int[] credentialsAfterScheme(String text, int start) {
        if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            return null;
        }
        boolean bearer = text.regionMatches(true, start, "bearer ", 0, 7);
        if (!bearer && !text.regionMatches(true, start, "basic ", 0, 6)) {
            return null;
        }
        int credentials = skipSpaces(text, start + (bearer ? 7 : 6));
        int end = tokenEnd(text, credentials);
        if (end == credentials || (!bearer && !looksLikeBase64(text, credentials, end))) {
            return null;
        }
        return new int[] {credentials, end};
    }

    /**
     * {@code scheme://userinfo@host}: returns the range of the password when the user
     * information has one, else of the whole user information; null when there is none.
     */
    private static int[] urlUserInfo(String text, int colon) {
        if (colon == 0 || !Character.isLetter(text.charAt(colon - 1))) {
            return null;
        }
        int start = colon + 3;
        int at = -1;
        int end = start;
        while (end < text.length() && !isAuthorityEnd(text.charAt(end))) {
            if (text.charAt(end) == '@') {
                at = end;
            }
            end++;
        }
        if (at < 0) {
            return null;
        }
        int separator = text.indexOf(':', start);
        return separator >= 0 && separator < at ? new int[] {separator + 1, at} : new int[] {start, at};
    }

    /** Returns the range of a value that starts at {@code start}: up to the closing quote when quoted, else to the next delimiter. */
    private static int[] value(String text, int start) {
        if (start >= text.length()) {
            return null;
        }
        char first = text.charAt(start);
        if (first == '"' || first == '\'') {
            int end = start + 1;
            while (end < text.length() && !(text.charAt(end) == first && text.charAt(end - 1) != '\\')) {
                end++;
            }
            return new int[] {start + 1, end};
        }
        return new int[] {start, tokenEnd(text, start)};
    }

    private static int nameStart(String text, int end) {
        int start = end;
        while (start > 0 && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String text, int start) {
        int end = start;
        while (end < text.length() && !isValueEnd(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isAuthScheme(String text, int start, int end) {
        for (String scheme : AUTH_SCHEMES) {
            if (end - start == scheme.length() && text.regionMatches(true, start, scheme, 0, scheme.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Base64 of {@code user:password} is a multiple of 4 characters long and, unlike a plain
     * word, contains a digit, an upper-case letter after the first character, or {@code + / =}.
     */
    private static boolean looksLikeBase64(String text, int start, int end) {
        if ((end - start) % 4 != 0) {
            return false;
        }
        boolean mixed = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '/' || c == '=' || Character.isDigit(c) || (i > start && Character.isUpperCase(c))) {
                mixed = true;
            } else if (!Character.isLetter(c)) {
                return false;
            }
        }
        return mixed;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }

    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ';' || c == ',' || c == '#' || c == '"' || c == '\''
                || c == ')' || c == ']' || c == '}' || c == '<' || c == '>';
    }

    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r' || c == '"';
    }

    private static boolean isAuthorityEnd(char c) {
        return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' || Character.isWhitespace(c);
    }

    /** Returns the value cut to {@code maxLength} chars and marked with {@code ...}, or the value itself when it fits. */
    static String truncate(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        // Never cut between the two halves of a surrogate pair.
        int end = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return value.substring(0, end) + "...";
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
