package fr.pareto.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The suite's figures (events, alerts, faults, inputs tried, canaries found), written to
 * {@code target/reliability-figures.txt} as {@code name = value} lines after every change, so
 * the file always holds what the test JVM measured so far. A new test JVM starts the file
 * again.
 */
final class Figures {

    /** Where the figures go; the working directory of a Maven test run is the module. */
    static final Path FILE = Path.of(System.getProperty("reliability.figures", "target/reliability-figures.txt"));

    private static final Map<String, Long> VALUES = new TreeMap<>();

    private Figures() {
    }

    /** Sets a figure. */
    static synchronized void set(String name, long value) {
        VALUES.put(name, value);
        write();
    }

    /** Adds to a figure, starting from zero. */
    static synchronized void add(String name, long delta) {
        VALUES.merge(name, delta, Long::sum);
        write();
    }

    /** Returns a figure, zero when never set. */
    static synchronized long get(String name) {
        return VALUES.getOrDefault(name, 0L);
    }

    private static void write() {
        StringBuilder text = new StringBuilder("# Figures of the reliability suite (fr.pareto.reliability), one JVM run\n");
        VALUES.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
        text.append("# Totals\n");
        for (String prefix : new String[] {"inputs.", "faults."}) {
            long total = VALUES.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                    .mapToLong(Map.Entry::getValue).sum();
            text.append(prefix).append("total = ").append(total).append('\n');
        }
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            Files.writeString(FILE, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + FILE.toAbsolutePath(), e);
        }
    }
}
