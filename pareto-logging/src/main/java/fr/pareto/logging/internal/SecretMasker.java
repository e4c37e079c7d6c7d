package fr.pareto.logging.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets by name: the value of a field whose name looks like a secret, and the value that
 * follows such a name and {@code =} or {@code :} in free text ({@code ?token=abc},
 * {@code password: hunter2}, {@code "apikey":"..."}), plus the password of {@code user:password@}
 * in URLs. Optional regular expressions mask anything else, at a higher cost.
 *
 * <p>A name looks like a secret when, ignoring case and the separators {@code _ - .}, it contains
 * one of the configured words or is one of the {@link #EXACT_NAMES}, which are too short to
 * search inside longer names. In free text the name is the whole run of letters, digits and
 * {@code _ - .} before the separator, so {@code Invalid PARETO_HEALTH_TOKEN: abcde} masks
 * {@code abcde}: a secret named in prose is masked rather than kept. A value that is a
 * parenthesised placeholder such as {@code (none)} or {@code (unset)} is not a secret and stays.
 * Immutable and thread-safe.
 */
public final class SecretMasker {

    /** The text that replaces a masked value. */
    public static final String MASK = "***";

    /** Words that mark a name as a secret, in normalized form (lower case, no separators). */
    public static final List<String> DEFAULT_WORDS = List.of(
            "password", "passwd", "token", "secret", "apikey", "authorization", "cookie", "session", "signature",
            "credential", "privatekey");

    /** Names that are secret only as a whole, in normalized form: {@code sig} but not {@code signal}. */
    public static final List<String> EXACT_NAMES = List.of("sig");

    /** The maximum length of a placeholder, parentheses included, such as {@code (not configured)}. */
    private static final int MAX_PLACEHOLDER = 32;

    private static final int NAME_CACHE_SLOTS = 1024;
    private static final int MAX_NAME_SCAN = 64;
    private static final char[][] EXACT = EXACT_NAMES.stream().map(String::toCharArray).toArray(char[][]::new);
    private static final List<String> AUTH_SCHEMES = List.of("bearer", "basic", "digest", "token", "negotiate");

    private final char[][] words;
    private final Pattern[] patterns;
    private final NameVerdict[] nameCache = new NameVerdict[NAME_CACHE_SLOTS];

    private SecretMasker(List<String> words, List<Pattern> patterns) {
        this.words = new char[words.size()][];
        for (int i = 0; i < words.size(); i++) {
            this.words[i] = words.get(i).toCharArray();
        }
        this.patterns = patterns.toArray(new Pattern[0]);
    }

    /**
     * Creates a masker for the default words plus {@code extraNames} and {@code patterns}.
     *
     * @param extraNames more names to treat as secrets, matched like the default words
     * @param patterns regular expressions; a match is masked whole, or only its first group when
     *     the pattern has one
     * @throws IllegalArgumentException if a name has no letter or digit
     */
    public static SecretMasker create(Collection<String> extraNames, Collection<Pattern> patterns) {
        Objects.requireNonNull(extraNames, "extraNames");
        Objects.requireNonNull(patterns, "patterns");
        List<String> all = new ArrayList<>(DEFAULT_WORDS);
        for (String name : extraNames) {
            String normalized = normalize(Objects.requireNonNull(name, "extraNames element"));
            if (normalized.isEmpty()) {
                throw new IllegalArgumentException("Invalid masked name '" + name
                        + "': it needs at least one letter or digit, such as 'pin' or 'x-session-key'");
            }
            if (!all.contains(normalized)) {
                all.add(normalized);
            }
        }
        return new SecretMasker(all, new ArrayList<>(patterns));
    }

    /** Creates a masker for the default words only. */
    public static SecretMasker defaults() {
        return create(List.of(), List.of());
    }

    /** Lower-cases {@code name} and drops every character that is not a letter or digit. */
    public static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Returns whether regular expressions were added, which every string must then be matched against. */
    public boolean hasPatterns() {
        return patterns.length > 0;
    }

    /** Returns whether a field with this name has its value masked whole. */
    public boolean isSecretName(String name) {
        // A direct-mapped cache: field names repeat, and a lookup is one array read and one
        // comparison. Entries are immutable, so a racing overwrite only costs a recomputation.
        int slot = name.hashCode() & (NAME_CACHE_SLOTS - 1);
        NameVerdict cached = nameCache[slot];
        if (cached != null && (cached.name == name || cached.name.equals(name))) {
            return cached.secret;
        }
        boolean secret = containsWord(name, 0, name.length());
        nameCache[slot] = new NameVerdict(name, secret);
        return secret;
    }

    private record NameVerdict(String name, boolean secret) {
    }

    /**
     * Masks the secrets in free text.
     *
     * @return {@code text} itself when nothing was masked, so the common case allocates nothing
     */
    public String maskText(String text) {
        String masked = maskByName(text);
        for (Pattern pattern : patterns) {
            masked = maskPattern(pattern, masked);
        }
        return masked;
    }

    private String maskByName(String text) {
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c != '=' && c != ':') {
                continue;
            }
            int[] value = c == ':' && text.startsWith("//", i + 1)
                    ? urlPassword(text, i + 3)
                    : valueAfterSecretName(text, i);
            if (value == null || value[1] <= value[0] || value[0] < copied) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length + 8);
            }
            out.append(text, copied, value[0]).append(MASK);
            copied = value[1];
            i = value[1] - 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, length).toString();
    }

    /** Finds the value after {@code name=} or {@code name:} when the name looks like a secret. */
    private int[] valueAfterSecretName(String text, int separator) {
        char kind = text.charAt(separator);
        int k = separator - 1;
        if (k >= 0 && (text.charAt(k) == '"' || text.charAt(k) == '\'')) {
            k--;
        }
        int nameEnd = k + 1;
        while (k >= 0 && isNameChar(text.charAt(k))) {
            k--;
        }
        int nameStart = k + 1;
        if (nameEnd - nameStart < 3) {
            return null;
        }

        // A colon after a dotted name is a file position in a stack trace ("TokenStore.java:42").
        if (kind == ':' && text.lastIndexOf('.', nameEnd - 1) >= nameStart) {
            return null;
        }
        if (!containsWord(text, nameStart, nameEnd)) {
            return null;
        }

        int v = separator + 1;
        int length = text.length();
        while (v < length && text.charAt(v) == ' ') {
            v++;
        }
        if (v >= length || isPlaceholder(text, v)) {
            return null;
        }

        char first = text.charAt(v);
        if (first == '"' || first == '\'') {
            int end = v + 1;
            while (end < length && !(text.charAt(end) == first && text.charAt(end - 1) != '\\')) {
                end++;
            }
            return new int[] {v + 1, end};
        }
        int end = tokenEnd(text, v);
        if (end < length && text.charAt(end) == ' ' && isAuthScheme(text, v, end)) {
            end = tokenEnd(text, end + 1);
        }
        return new int[] {v, end};
    }

    /**
     * Returns whether a placeholder such as {@code (none)} starts at {@code start}: letters,
     * digits, spaces, {@code -} and {@code _} in parentheses, followed by the end of the text or a
     * value delimiter.
     */
    private static boolean isPlaceholder(String text, int start) {
        if (text.charAt(start) != '(') {
            return false;
        }
        int limit = Math.min(text.length(), start + MAX_PLACEHOLDER);
        for (int i = start + 1; i < limit; i++) {
            char c = text.charAt(i);
            if (c == ')') {
                return i > start + 1 && (i + 1 == text.length() || isValueDelimiter(text.charAt(i + 1)));
            }
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '-' && c != '_') {
                return false;
            }
        }
        return false;
    }

    /** Finds the password in {@code scheme://user:password@host}, starting after {@code //}. */
    private static int[] urlPassword(String text, int authorityStart) {
        int length = text.length();
        int colon = -1;
        for (int i = authorityStart; i < length; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                return colon < 0 ? null : new int[] {colon + 1, i};
            }
            if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"') {
                return null;
            }
            if (c == ':' && colon < 0) {
                colon = i;
            }
        }
        return null;
    }

    private static int tokenEnd(String text, int start) {
        int end = start;
        int length = text.length();
        while (end < length && !isValueDelimiter(text.charAt(end))) {
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

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isValueDelimiter(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\''
                || c == ')' || c == ']' || c == '}' || c == '<' || c == '>';
    }

    /**
     * Returns whether {@code text[start, end)}, ignoring case and non-alphanumeric characters,
     * contains a secret word or is an exact secret name. Only the last {@value #MAX_NAME_SCAN}
     * characters are read.
     */
    private boolean containsWord(String text, int start, int end) {
        char[] normalized = new char[Math.min(end - start, MAX_NAME_SCAN)];
        int n = 0;
        for (int i = Math.max(start, end - MAX_NAME_SCAN); i < end; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                normalized[n++] = Character.toLowerCase(c);
            }
        }
        for (char[] word : words) {
            if (indexOf(normalized, n, word) >= 0) {
                return true;
            }
        }
        for (char[] name : EXACT) {
            if (n == name.length && indexOf(normalized, n, name) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(char[] haystack, int length, char[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String maskPattern(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        do {
            boolean hasGroup = matcher.groupCount() >= 1 && matcher.start(1) >= 0;
            int start = hasGroup ? matcher.start(1) : matcher.start();
            int end = hasGroup ? matcher.end(1) : matcher.end();
            if (start >= copied) {
                out.append(text, copied, start).append(MASK);
                copied = end;
            }
        } while (matcher.find());
        return out.append(text, copied, text.length()).toString();
    }
}
