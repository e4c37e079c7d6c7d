package fr.pareto.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The example service's shaded jar running as a child process, with its output kept line by
 * line so tests can read the JSON log events.
 */
final class ServiceProcess implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Variables of the service that must not leak in from the environment running the tests. */
    private static final List<String> SERVICE_VARIABLES = List.of("PORT", "DATABASE_URL", "DATABASE_USER",
            "DATABASE_PASSWORD", "REDIS_URL");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ServiceProcess(Process process) {
        this.process = process;
        this.stdoutReader = pump(process.getInputStream(), stdout, "service-stdout");
        this.stderrReader = pump(process.getErrorStream(), stderr, "service-stderr");
    }

    /** Starts {@code java -jar jar} with the given variables on top of a cleaned environment. */
    static ServiceProcess start(Path jar, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Service jar not found at " + jar.toAbsolutePath()
                    + ": run the package phase first (mvn -B verify does)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-jar", jar.toString());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> SERVICE_VARIABLES.contains(name) || name.startsWith("PARETO_"));
        environment.putAll(env);
        return new ServiceProcess(builder.start());
    }

    private static Thread pump(InputStream stream, List<String> lines, String threadName) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended; what was read is kept.
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Returns every stdout line so far. */
    List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Returns every stderr line so far. */
    List<String> stderr() {
        return List.copyOf(stderr);
    }


    /** Returns the stdout lines that are JSON objects, parsed. */
    List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout) {
            if (line.startsWith("{")) {
                try {
                    events.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("Service wrote a line that starts like JSON but is not: " + line, e);
                }
            }
        }
        return events;
    }

    /** Returns the events whose {@code message} is the given text and that match the filter. */
    List<JsonNode> events(String message, Predicate<JsonNode> filter) {
        return events().stream()
                .filter(event -> message.equals(event.path("message").asText()))
                .filter(filter)
                .toList();
    }

    /** Returns the events whose {@code message} is the given text. */
    List<JsonNode> events(String message) {
        return events(message, event -> true);
    }

    /** Returns whether the process is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** Returns the last lines of stdout and stderr, for failure messages. */
    String tail() {
        List<String> out = stdout();
        List<String> err = List.copyOf(stderr);
        return "--- stdout (last 40 lines)\n" + String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size()))
                + "\n--- stderr (last 20 lines)\n" + String.join("\n", err.subList(Math.max(0, err.size() - 20), err.size()));
    }

    /**
     * Sends SIGTERM, as Ctrl-C or {@code docker stop} would, and waits for the exit and for the
     * last lines of output to be read.
     *
     * @return the exit status
     */
    int stop(Duration timeout) throws InterruptedException {
        // Process.destroy() would also close our end of the pipes and lose the shutdown log;
        // the handle only sends the signal.
        process.toHandle().destroy();
        return waitForExit(timeout);
    }

    /**
     * Waits for the process to end by itself and for the last lines of output to be read.
     *
     * @return the exit status
     */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Service did not exit within " + timeout + "\n" + tail());
        }
        // The readers end at end of stream, which follows the exit; the bound is only a safety net.
        stdoutReader.join(timeout.toMillis());
        stderrReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
