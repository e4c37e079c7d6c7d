package fr.pareto.errors.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes the fingerprint that groups occurrences of one failure.
 *
 * <p>The fingerprint covers, for the throwable and each of its causes (up to the chain depth),
 * the normalised exception type and the normalised in-app frames (class and method, never line
 * numbers or file names). When a throwable has no in-app frame, its top frames stand in. The
 * message is left out unless asked for, and then each run of digits is masked so ids do not split
 * groups. Suppressed exceptions are left out: a group is keyed by the primary failure.
 *
 * <p>The result is the first 16 hex digits (64 bits) of the SHA-256 of that text, so it is the
 * same in every JVM and every build. SHA-256 runs once per distinct text: a 64-bit hash of the
 * same parts (FNV-1a per part, then mixed in order) keys a bounded cache. NOTE: two texts whose
 * 64-bit hashes collide would share a fingerprint; this is not expected below billions of
 * distinct failures.
 *
 * <p>Thread-safe.
 */
public final class Fingerprinter {

    private static final int MAX_CACHED = 4096;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final FrameNormalizer normalizer;
    private final boolean includeMessage;
    private final int maxChainDepth;
    private final int maxFrames;
    private final int fallbackFrames;
    private final Map<Long, String> cache = new ConcurrentHashMap<>();

    /**
     * Creates a fingerprinter.
     *
     * @param maxChainDepth how many throwables of the cause chain count, the first included
     * @param maxFrames how many in-app frames of each throwable count
     * @param fallbackFrames how many top frames count when a throwable has no in-app frame
     */
    public Fingerprinter(FrameNormalizer normalizer, boolean includeMessage, int maxChainDepth, int maxFrames,
                         int fallbackFrames) {
        this.normalizer = normalizer;
        this.includeMessage = includeMessage;
        this.maxChainDepth = maxChainDepth;
        this.maxFrames = maxFrames;
        this.fallbackFrames = fallbackFrames;
    }

    /** Returns the fingerprint of a throwable: 16 lower-case hex digits. */
    public String fingerprint(Throwable throwable) {
        FnvSink hash = new FnvSink();
        walk(throwable, hash);
        String cached = cache.get(hash.value);
        if (cached != null) {
            return cached;
        }
        TextSink text = new TextSink();
        walk(throwable, text);
        String fingerprint = sha256Prefix(text.builder.toString());
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(hash.value, fingerprint);
        return fingerprint;
    }

    /** Returns the text that the fingerprint hashes; for tests and debugging. */
    public String fingerprintText(Throwable throwable) {
        TextSink text = new TextSink();
        walk(throwable, text);
        return text.builder.toString();
    }

    private void walk(Throwable throwable, Sink sink) {
        Throwable[] visited = new Throwable[maxChainDepth];
        Throwable current = throwable;
        for (int depth = 0; current != null && depth < maxChainDepth; depth++) {
            if (contains(visited, depth, current)) {
                sink.add("<cycle>");
                return;
            }
            visited[depth] = current;
            if (depth > 0) {
                sink.add("<caused by>");
            }
            String type = normalizer.className(current.getClass().getName());
            sink.add(type == null ? "<generated>" : type);
            if (includeMessage) {
                sink.add(maskDigits(String.valueOf(StackTraceRenderer.messageOf(current))));
            }
            addFrames(current.getStackTrace(), sink);
            current = current.getCause();
        }
    }

    private void addFrames(StackTraceElement[] frames, Sink sink) {
        int added = 0;
        for (int i = 0; i < frames.length && added < maxFrames; i++) {
            FrameNormalizer.ClassInfo inApp = normalizer.inAppClass(frames[i].getClassName());
            if (inApp != null) {
                sink.add(inApp.normalized(), inApp.hash());
                sink.add(FrameNormalizer.methodName(frames[i].getMethodName()));
                added++;
            }
        }
        if (added > 0) {
            return;
        }
        for (int i = 0; i < frames.length && added < fallbackFrames; i++) {
            String className = normalizer.className(frames[i].getClassName());
            if (className != null) {
                sink.add(className);
                sink.add(FrameNormalizer.methodName(frames[i].getMethodName()));
                added++;
            }
        }
    }

    private static boolean contains(Throwable[] visited, int count, Throwable candidate) {
        for (int i = 0; i < count; i++) {
            if (visited[i] == candidate) {
                return true;
            }
        }
        return false;
    }

    /** Replaces each run of digits with one {@code 0}, so {@code user 7} and {@code user 1234} read alike. */
    private static String maskDigits(String message) {
        StringBuilder out = new StringBuilder(message.length());
        boolean inDigits = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit) {
                out.append(c);
            } else if (!inDigits) {
                out.append('0');
            }
            inDigits = digit;
        }
        return out.toString();
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest contract).
            throw new IllegalStateException("SHA-256 is not available on this JVM", e);
        }
    }

    /** Returns the FNV-1a hash of one part of the fingerprint text. */
    static long partHash(String part) {
        long h = FNV_OFFSET;
        for (int i = 0; i < part.length(); i++) {
            h ^= part.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    private interface Sink {
        /** Adds a part whose {@link #partHash(String)} is already known. */
        void add(String part, long hash);

        default void add(String part) {
            add(part, partHash(part));
        }
    }

    /** Combines the hashes of the parts in order; class names come with their hash cached. */
    private static final class FnvSink implements Sink {
        long value = FNV_OFFSET;

        @Override
        public void add(String part, long hash) {
            long h = (value ^ hash) * 0x9E3779B97F4A7C15L;
            value = h ^ (h >>> 32);
        }
    }

    /** Writes each part followed by a newline, so parts cannot run into each other. */
    private static final class TextSink implements Sink {
        final StringBuilder builder = new StringBuilder(512);

        @Override
        public void add(String part, long hash) {
            builder.append(part).append('\n');
        }
    }
}
