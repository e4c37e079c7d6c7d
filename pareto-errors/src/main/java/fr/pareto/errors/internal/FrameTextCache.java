package fr.pareto.errors.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the text rendered for recent stack traces, so that a failure that repeats with the
 * same frames is not rendered again. Each entry also keeps the last header it was joined to, so a
 * failure that repeats with the same message gets the very same string back, which the logging
 * encoder then escapes once.
 *
 * <p>The key is a hash of every frame (class, method, file, line); a hit is used only when the
 * stored frames are equal to the given ones, so a hash collision costs a render, never a wrong
 * text. The hash uses {@link String#hashCode()}, which is fine here because it never leaves this
 * JVM. At most {@code capacity} texts are kept; the cache is cleared when it is full.
 *
 * <p>Thread-safe.
 */
final class FrameTextCache {

    private record Entry(StackTraceElement[] frames, String text, String header, String joined) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

    FrameTextCache(int capacity) {
        this.capacity = capacity;
    }

    /** Returns the text for these frames, rendering it with {@code render} when it is not cached. */
    String get(StackTraceElement[] frames, Function<StackTraceElement[], String> render) {
        return entry(frames, render).text();
    }

    /**
     * Returns {@code header + "\n"} followed by the text for these frames, the same string as the
     * previous call when the frames and the header are equal to that call's.
     */
    String joined(String header, StackTraceElement[] frames, Function<StackTraceElement[], String> render) {
        long key = hash(frames);
        Entry entry = entry(frames, render, key);
        if (header.equals(entry.header())) {
            return entry.joined();
        }
        String joined = header + "\n" + entry.text();
        entries.put(key, new Entry(entry.frames(), entry.text(), header, joined));
        return joined;
    }

    private Entry entry(StackTraceElement[] frames, Function<StackTraceElement[], String> render) {
        return entry(frames, render, hash(frames));
    }

    private Entry entry(StackTraceElement[] frames, Function<StackTraceElement[], String> render, long key) {
        Entry entry = entries.get(key);
        if (entry != null && Arrays.equals(entry.frames(), frames)) {
            return entry;
        }
        // A copy: Throwable.getStackTrace() returns a fresh array, but an override may hand out
        // its own, and a later change to it would make the stored frames match anything.
        entry = new Entry(frames.clone(), render.apply(frames), null, null);
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(key, entry);
        return entry;
    }

    private static long hash(StackTraceElement[] frames) {
        long h = frames.length;
        for (StackTraceElement frame : frames) {
            h = h * 31 + frame.getClassName().hashCode();
            h = h * 31 + frame.getMethodName().hashCode();
            h = h * 31 + frame.getLineNumber();
        }
        return h;
    }
}
