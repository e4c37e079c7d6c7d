package fr.pareto.errors.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, by identity and without keeping them alive, the throwables captured recently and
 * every throwable in their chains, so that one failure reported by several paths (a handler, an
 * appender, a wrapper) is recorded once.
 *
 * <p>A throwable counts as already captured when it, or one of its causes or suppressed
 * exceptions, was part of a capture less than {@code window} ago. So {@code capture(e)} followed
 * by {@code capture(new RuntimeException("wrap", e))} records one occurrence. At most
 * {@code capacity} throwables are remembered; the oldest are forgotten first.
 *
 * <p>Thread-safe: one short lock per check, whose work is bounded by the chain bounds.
 */
public final class CaptureDeduplicator {

    private final int capacity;
    private final long windowMillis;
    private final int maxChainDepth;
    private final Map<IdentityKey, Long> seen;

    /**
     * Creates a deduplicator.
     *
     * @param capacity how many throwables to remember
     * @param windowMillis how long a capture is remembered, in milliseconds
     * @param maxChainDepth how deep to look into causes and suppressed exceptions
     */
    public CaptureDeduplicator(int capacity, long windowMillis, int maxChainDepth) {
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        this.maxChainDepth = maxChainDepth;
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IdentityKey, Long> eldest) {
                return size() > CaptureDeduplicator.this.capacity;
            }
        };
    }

    /**
     * Returns true if the throwable or a member of its chain was captured within the window;
     * otherwise remembers the whole chain and returns false.
     *
     * @param nowMillis the current time of the tracker's clock, in milliseconds
     */
    public boolean isDuplicate(Throwable throwable, long nowMillis) {
        List<Throwable> chain = chain(throwable);
        IdentityKey[] keys = new IdentityKey[chain.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new IdentityKey(chain.get(i));
        }
        synchronized (seen) {
            for (IdentityKey key : keys) {
                Long when = seen.get(key);
                if (when != null && nowMillis - when < windowMillis) {
                    return true;
                }
            }
            for (IdentityKey key : keys) {
                // Remove first so that a re-put moves the entry to the young end.
                seen.remove(key);
                seen.put(key, nowMillis);
            }
            return false;
        }
    }

    /** Returns the throwable, its causes and its suppressed exceptions, each once, within the depth bound. */
    private List<Throwable> chain(Throwable throwable) {
        List<Throwable> ordered = new ArrayList<>(4);
        collect(throwable, 0, ordered);
        return ordered;
    }

    private void collect(Throwable throwable, int depth, List<Throwable> ordered) {
        if (throwable == null || depth >= maxChainDepth || ordered.size() >= 4 * maxChainDepth
                || containsIdentity(ordered, throwable)) {
            return;
        }
        ordered.add(throwable);
        collect(throwable.getCause(), depth + 1, ordered);
        for (Throwable suppressed : throwable.getSuppressed()) {
            collect(suppressed, depth + 1, ordered);
        }
    }

    /** Linear on purpose: chains hold at most {@code 4 * maxChainDepth} members. */
    private static boolean containsIdentity(List<Throwable> members, Throwable candidate) {
        for (Throwable member : members) {
            if (member == candidate) {
                return true;
            }
        }
        return false;
    }

    /** A weak reference compared by the identity of its referent; a cleared key equals only itself. */
    private static final class IdentityKey extends WeakReference<Throwable> {
        private final int hash;

        IdentityKey(Throwable referent) {
            super(referent);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey key)) {
                return false;
            }
            Throwable referent = get();
            return referent != null && referent == key.get();
        }
    }
}
