package fr.pareto.reliability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the suite saw the libraries write: log lines, health bodies, alert payloads, error
 * events and exception messages. Each text is scanned for {@link Canaries} as it is added and
 * then forgotten, so a long run holds only the counts and the findings.
 *
 * <p>Thread-safe. Shared by the whole test JVM, so the counts cover every test class that ran.
 */
final class Transcript {

    /** What kind of output a text is. */
    enum Kind {
        LOG_LINE, HEALTH_BODY, ALERT_PAYLOAD, ERROR_EVENT, EXCEPTION_MESSAGE, LOGBACK_STATUS
    }

    private static final Map<Kind, AtomicLong> COUNTS = new EnumMap<>(Kind.class);
    private static final List<Canaries.Finding> FINDINGS = new ArrayList<>();

    static {
        for (Kind kind : Kind.values()) {
            COUNTS.put(kind, new AtomicLong());
        }
    }

    private Transcript() {
    }

    /** Scans one text and counts it under its kind. */
    static void add(Kind kind, String text) {
        COUNTS.get(kind).incrementAndGet();
        List<Canaries.Finding> found = Canaries.find(kind.name().toLowerCase(java.util.Locale.ROOT), text);
        if (!found.isEmpty()) {
            synchronized (FINDINGS) {
                FINDINGS.addAll(found);
            }
        }
    }

    /** Scans every text of a list under one kind. */
    static void addAll(Kind kind, Iterable<String> texts) {
        for (String text : texts) {
            add(kind, text);
        }
    }

    /** Scans the message of a throwable and of each cause and suppressed exception. */
    static void addException(Throwable throwable) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> pending = new java.util.ArrayDeque<>();
        pending.add(throwable);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (next == null || !seen.add(next)) {
                continue;
            }
            add(Kind.EXCEPTION_MESSAGE, next.toString());
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
    }

    /** Returns the canaries found so far, oldest first. */
    static List<Canaries.Finding> findings() {
        synchronized (FINDINGS) {
            return List.copyOf(FINDINGS);
        }
    }

    /**
     * Fails when a canary was found after the first {@code findingsBefore} findings, for test
     * classes that feed the transcript without {@link ScannedOutput}.
     */
    static void assertNoFindingsSince(int findingsBefore) {
        List<Canaries.Finding> findings = findings();
        if (findings.size() > findingsBefore) {
            throw new AssertionError("canaries found in the output: " + findings.subList(findingsBefore, findings.size()));
        }
    }

    /** Returns how many texts of this kind were scanned. */
    static long count(Kind kind) {
        return COUNTS.get(kind).get();
    }

    /** Returns how many texts were scanned over all kinds. */
    static long total() {
        return COUNTS.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Writes the counts and findings to the figures file. */
    static void publish() {
        for (Kind kind : Kind.values()) {
            Figures.set("secrets.scanned." + kind.name().toLowerCase(java.util.Locale.ROOT), count(kind));
        }
        Figures.set("secrets.scanned.total", total());
        Figures.set("secrets.canaries_found", findings().size());
        Figures.set("secrets.canary_kinds", Canaries.ALL.size());
    }
}
