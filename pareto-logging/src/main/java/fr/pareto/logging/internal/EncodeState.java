package fr.pareto.logging.internal;

import java.util.Arrays;
import java.util.Set;

/**
 * Per-thread state of one JSON encoding pass: the top-level names written so far, the collision
 * prefix in force, the length cap on string values and the strings written.
 *
 * <p>Not thread-safe: each encoding thread has its own instance, reused from event to event.
 */
final class EncodeState {

    /** Value of {@link #cap} when string values are written whole. */
    static final int NO_CAP = -1;

    /** Bound on the rename search; past it a collision gets a numbered name anyway. */
    private static final int MAX_RENAME_ATTEMPTS = 100;

    boolean inUse;
    long pass;
    int cap = NO_CAP;

    private Set<String> reservedSet;
    private String[] reserved = new String[0];
    private int[] reservedHashes = new int[0];
    private String collisionPrefix;
    private String[] names = new String[16];
    private int[] nameHashes = new int[16];
    private int nameCount;
    private String[] strings = new String[32];
    private int stringCount;

    void begin(Set<String> reservedNames, int stringCap) {
        pass++;
        if (reservedNames != reservedSet) {
            // Arrays of names and hashes make the per-field check a few int comparisons.
            reservedSet = reservedNames;
            reserved = reservedNames.toArray(new String[0]);
            reservedHashes = new int[reserved.length];
            for (int i = 0; i < reserved.length; i++) {
                reservedHashes[i] = reserved[i].hashCode();
            }
        }
        cap = stringCap;
        collisionPrefix = null;
        nameCount = 0;
        end();
    }

    /**
     * Starts or ends the user's fields: while a prefix is set, a top-level name that is reserved or
     * already written is renamed to {@code prefix + name}.
     */
    void collisionPrefix(String prefix) {
        collisionPrefix = prefix;
    }

    /** Returns the name under which a top-level field is written, and records it as written. */
    String claim(String name) {
        String result = name;
        int hash = name.hashCode();
        if (collisionPrefix != null && isTaken(name, hash)) {
            String base = collisionPrefix + name;
            result = base;
            hash = result.hashCode();
            for (int n = 2; isTaken(result, hash) && n < MAX_RENAME_ATTEMPTS; n++) {
                result = base + "_" + n;
                hash = result.hashCode();
            }
        }
        if (nameCount == names.length) {
            names = Arrays.copyOf(names, nameCount * 2);
            nameHashes = Arrays.copyOf(nameHashes, nameCount * 2);
        }
        names[nameCount] = result;
        nameHashes[nameCount++] = hash;
        return result;
    }

    private boolean isTaken(String name, int hash) {
        for (int i = 0; i < reserved.length; i++) {
            if (reservedHashes[i] == hash && reserved[i].equals(name)) {
                return true;
            }
        }
        for (int i = 0; i < nameCount; i++) {
            if (nameHashes[i] == hash && names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Records a string value written in this pass; {@link #end()} drops the references. */
    void record(String value) {
        if (stringCount == strings.length) {
            strings = Arrays.copyOf(strings, stringCount * 2);
        }
        strings[stringCount++] = value;
    }

    /** Drops the references to this pass's strings, so a thread does not keep a large message alive. */
    void end() {
        Arrays.fill(strings, 0, stringCount, null);
        stringCount = 0;
    }

    /**
     * Computes the largest cap, in characters, on string values that removes at least
     * {@code overflowBytes} bytes from the line, given the strings recorded in the last pass and
     * at most {@code markerBytes} added per cut string. A string is cut only when longer than
     * {@code cap + markerBytes} characters. Sizes are counted in UTF-8 bytes after JSON escaping,
     * so text of 3-byte characters needs a cut three times shorter than ASCII.
     *
     * @return the cap, or {@link #NO_CAP} when cutting strings cannot remove enough
     */
    int capFor(int overflowBytes, int markerBytes) {
        int[] bytes = new int[stringCount];
        int longest = 0;
        for (int i = 0; i < stringCount; i++) {
            bytes[i] = jsonBytes(strings[i], strings[i].length());
            longest = Math.max(longest, strings[i].length());
        }
        if (saved(0, markerBytes, bytes) < overflowBytes) {
            return NO_CAP;
        }

        // saved(cap) decreases as cap grows: find the largest cap that still saves enough.
        int low = 0;
        int high = longest;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (saved(mid, markerBytes, bytes) >= overflowBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private long saved(int cap, int markerBytes, int[] bytes) {
        long saved = 0;
        for (int i = 0; i < stringCount; i++) {
            if (strings[i].length() > cap + markerBytes) {
                saved += bytes[i] - jsonBytes(strings[i], cap) - markerBytes;
            }
        }
        return saved;
    }

    /** Returns the bytes that the first {@code chars} characters of {@code text} take as a JSON string body. */
    static int jsonBytes(String text, int chars) {
        int bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                // A surrogate pair is 4 bytes, 2 per char; a lone one becomes U+FFFD (3 bytes) before this count.
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
