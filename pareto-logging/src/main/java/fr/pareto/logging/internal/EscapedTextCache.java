package fr.pareto.logging.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Remembers the cleaned and JSON-escaped form of recent long strings, so that a text written
 * again and again, such as the stack trace of a failure that repeats, is masked and escaped once.
 *
 * <p>A text is escaped into the cache the second time it is seen; the first sighting only leaves
 * the text in its slot, so long texts that never repeat (messages carrying ids) cost one failed
 * comparison each, not a second escaping pass. A lookup compares the whole text with
 * {@link String#equals(Object)}, never a hash alone, so a hit writes exactly what a miss would
 * have written. Strings shorter than {@link #MIN_CHARS} are not cached (they cost little to
 * escape), nor are those longer than {@link #MAX_CHARS}. The slots are direct-mapped by length:
 * two texts of the same length evict each other, which costs a recomputation, never a wrong line.
 *
 * <p>Memory: at most {@code SLOTS} entries of at most {@link #MAX_CHARS} chars each, holding the
 * text, its cleaned form (usually the same object) and the escaped bytes. That is about 5 MiB in
 * the worst case (UTF-16 text that escapes to six bytes per char) and a few hundred kilobytes for
 * stack traces.
 *
 * <p>Thread-safe without locks: entries are immutable, so a racing overwrite only loses an entry.
 * The cache belongs to one encoder, whose masking rules never change after it starts.
 */
final class EscapedTextCache {

    /** Shortest text worth caching, in chars. */
    static final int MIN_CHARS = 1024;

    /** Maximum length of a cached text, in chars: the default line limit is 16 KiB, and longer strings are cut anyway. */
    static final int MAX_CHARS = 16 * 1024;

    private static final int SLOT_BITS = 5;

    /**
     * A text, its cleaned form (masked, surrogates repaired) and the escaped UTF-8 bytes of that
     * form without quotes; {@code cleaned} and {@code json} are null while the text has been seen once.
     */
    record Entry(String text, String cleaned, byte[] json) {
    }

    private final JsonFactory factory;
    private final Entry[] slots = new Entry[1 << SLOT_BITS];

    /**
     * Creates a cache that escapes with {@code factory}, which must be configured as the
     * generators whose output the escaped bytes join.
     */
    EscapedTextCache(JsonFactory factory) {
        this.factory = factory;
    }

    /** Returns whether a text of this length can be cached at all. */
    static boolean cacheable(String text) {
        int length = text.length();
        return length >= MIN_CHARS && length <= MAX_CHARS;
    }

    /**
     * Returns the entry of a text equal to {@code text}: complete when it was escaped before, or
     * with null {@code cleaned} and {@code json} when the text was seen once. Returns null when the
     * slot has another text, and puts this one there as seen once.
     */
    Entry lookup(String text) {
        int slot = slot(text.length());
        Entry entry = slots[slot];
        if (entry != null && (entry.text == text || entry.text.equals(text))) {
            return entry;
        }
        slots[slot] = new Entry(text, null, null);
        return null;
    }

    /**
     * Escapes {@code cleaned}, the cleaned form of {@code text}, remembers both and returns the
     * complete entry.
     *
     * @throws IOException if Jackson cannot write the string
     */
    Entry complete(String text, String cleaned) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(cleaned.length() + 16);
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeString(cleaned);
        }
        byte[] quoted = out.toByteArray();
        Entry entry = new Entry(text, cleaned, Arrays.copyOfRange(quoted, 1, quoted.length - 1));
        slots[slot(text.length())] = entry;
        return entry;
    }

    private static int slot(int length) {
        return (length * 0x9E3779B9) >>> (32 - SLOT_BITS);
    }
}
