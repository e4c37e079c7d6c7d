package fr.pareto.logging.internal;

import java.util.Arrays;
import java.util.Set;

/**
 * Per-thread state of one JSON encoding pass: the top-level names written so far, the collision
 * prefix in force, the length cap on string values and the lengths seen.
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
    int cutCount;

    private Set<String> reserved = Set.of();
    private String collisionPrefix;
    private String[] names = new String[16];
    private int nameCount;
    private int[] lengths = new int[32];
    private int lengthCount;

    void begin(Set<String> reservedNames, int stringCap) {
        pass++;
        reserved = reservedNames;
        cap = stringCap;
        collisionPrefix = null;
        nameCount = 0;
        lengthCount = 0;
        cutCount = 0;
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
        if (collisionPrefix != null && isTaken(name)) {
            String base = collisionPrefix + name;
            result = base;
            for (int n = 2; isTaken(result) && n < MAX_RENAME_ATTEMPTS; n++) {
                result = base + "_" + n;
            }
        }
        if (nameCount == names.length) {
            names = Arrays.copyOf(names, nameCount * 2);
        }
        names[nameCount++] = result;
        return result;
    }

    private boolean isTaken(String name) {
        if (reserved.contains(name)) {
            return true;
        }
        for (int i = 0; i < nameCount; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    void recordLength(int length) {
        if (lengthCount == lengths.length) {
            lengths = Arrays.copyOf(lengths, lengthCount * 2);
        }
        lengths[lengthCount++] = length;
    }

    /**
     * Computes the largest cap on string lengths that removes at least {@code overflowBytes} bytes
     * from the line, given the lengths recorded in the last pass and at most {@code markerBytes}
     * added per cut string. A string is cut only when longer than {@code cap + markerBytes}, and
     * every removed character removes at least one byte of UTF-8 or JSON escape.
     *
     * @return the cap, or {@link #NO_CAP} when cutting strings cannot remove enough
     */
    int capFor(int overflowBytes, int markerBytes) {
        int longest = 0;
        for (int i = 0; i < lengthCount; i++) {
            longest = Math.max(longest, lengths[i]);
        }
        int low = 0;
        int high = longest;
        if (saved(low, markerBytes) < overflowBytes) {
            return NO_CAP;
        }
        // saved(cap) decreases as cap grows: find the largest cap that still saves enough.
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (saved(mid, markerBytes) >= overflowBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private long saved(int cap, int markerBytes) {
        long saved = 0;
        for (int i = 0; i < lengthCount; i++) {
            if (lengths[i] > cap + markerBytes) {
                saved += lengths[i] - cap - markerBytes;
            }
        }
        return saved;
    }
}
