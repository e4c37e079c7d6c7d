package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads log one million events through the zero-configuration JSON setup with the
 * asynchronous appender in its default, blocking mode, in a JVM of their own that exits when
 * {@code main} returns. Standard output goes to a file; every line must parse, and every
 * {@code (writer, seq)} pair must appear exactly once.
 *
 * <p>{@code -Dreliability.load.events=N} changes the number of events (the soak profile raises it).
 */
class AsyncLoggingLoadTest {

    private static final int WRITERS = 4;
    private static final long EVENTS = Long.getLong("reliability.load.events", 1_000_000L);

    @TempDir
    Path directory;

    @Test
    void millionEventsFromFourThreadsAreAllWritten() throws Exception {
        long perWriter = EVENTS / WRITERS;
        Path stdout = directory.resolve("stdout.jsonl");
        Path stderr = directory.resolve("stderr.txt");

        long started = System.nanoTime();
        Process process = probe(perWriter, stdout, stderr);
        boolean exited = process.waitFor(6, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(exited).as("probe JVM exited within 6 minutes").isTrue();
        assertThat(process.exitValue()).as("exit code; stderr: %s", tail(stderr)).isZero();

        Count count = countLines(stdout, perWriter);
        Figures.set("logging.load.writers", WRITERS);
        Figures.set("logging.load.events_logged", WRITERS * perWriter);
        Figures.set("logging.load.lines_written", count.lines);
        Figures.set("logging.load.lines_parsed", count.parsed);
        Figures.set("logging.load.events_lost", WRITERS * perWriter - count.distinctEvents);
        Figures.set("logging.load.events_duplicated", count.duplicates);
        Figures.set("logging.load.jvm_millis", elapsedMillis);

        assertThat(count.problems).as("lines that are not load events").isEmpty();
        assertThat(count.lines).isEqualTo(WRITERS * perWriter);
        assertThat(count.parsed).isEqualTo(WRITERS * perWriter);
        assertThat(count.duplicates).isZero();
        assertThat(count.distinctEvents).isEqualTo(WRITERS * perWriter);
    }

    private static Process probe(long perWriter, Path stdout, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoadProbe.class.getName(), Integer.toString(WRITERS), Long.toString(perWriter))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // The default setup a user gets: JSON on stdout, through the blocking asynchronous appender.
        builder.environment().keySet().removeIf(name -> name.startsWith("PARETO_LOG_"));
        builder.environment().put("PARETO_LOG_FORMAT", "json");
        builder.environment().put("PARETO_LOG_ASYNC", "block");
        return builder.start();
    }

    private record Count(long lines, long parsed, long distinctEvents, long duplicates, List<String> problems) {
    }

    private static Count countLines(Path stdout, long perWriter) throws IOException {
        BitSet[] seen = new BitSet[WRITERS];
        for (int writer = 0; writer < WRITERS; writer++) {
            seen[writer] = new BitSet((int) perWriter);
        }
        long lines = 0;
        long parsed = 0;
        long distinct = 0;
        long duplicates = 0;
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(stdout, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                JsonNode event;
                try {
                    event = StrictJson.parse("line " + lines, line);
                } catch (AssertionError e) {
                    addProblem(problems, e.getMessage());
                    continue;
                }
                parsed++;
                if (!LoadProbe.MESSAGE.equals(event.path("message").asText()) || !event.path("writer").canConvertToInt()) {
                    addProblem(problems, StrictJson.abbreviate(line));
                    continue;
                }
                int writer = event.path("writer").asInt();
                long seq = event.path("seq").asLong(-1);
                if (writer < 0 || writer >= WRITERS || seq < 0 || seq >= perWriter) {
                    addProblem(problems, StrictJson.abbreviate(line));
                } else if (seen[writer].get((int) seq)) {
                    duplicates++;
                } else {
                    seen[writer].set((int) seq);
                    distinct++;
                }
            }
        }
        return new Count(lines, parsed, distinct, duplicates, problems);
    }

    private static void addProblem(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
