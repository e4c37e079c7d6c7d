package fr.pareto.examples.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Parses LogQL with Grafana's LogQL grammar ({@code @grafana/lezer-logql}) by running the node
 * script under {@code src/test/logql}. {@link #install()} runs {@code npm ci} there first.
 */
final class LogqlChecker {

    /** Folder of the node project, relative to the module's base directory. */
    static final Path PROJECT = Path.of("src", "test", "logql");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long CHECK_TIMEOUT_SECONDS = 60;

    /**
     * The syntax errors found in one expression.
     *
     * @param expr the expression
     * @param errors the error nodes; empty when the expression parsed cleanly
     */
    record Result(String expr, List<SyntaxError> errors) {
    }

    /**
     * One error node of the parse tree.
     *
     * @param from offset of the first character
     * @param to offset after the last character
     * @param near the text around the error
     */
    record SyntaxError(int from, int to, String near) {
    }

    private LogqlChecker() {
    }

    /** Returns whether both {@code node} and {@code npm} are executables on the PATH. */
    static boolean toolsOnPath() {
        return onPath("node") && onPath("npm");
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return true;
            }
        }
        return false;
    }

    /** Installs the grammar with {@code npm ci}, as pinned by package-lock.json. */
    static void install() throws IOException, InterruptedException {
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), new byte[0], INSTALL_TIMEOUT_SECONDS);
    }

    /** Parses every expression and returns one result per expression, in order. */
    static List<Result> check(List<String> expressions) throws IOException, InterruptedException {
        byte[] input = MAPPER.writeValueAsBytes(expressions);
        String output = run(List.of("node", "check-logql.mjs"), input, CHECK_TIMEOUT_SECONDS);
        return MAPPER.readValue(output, new TypeReference<List<Result>>() { });
    }

    private static String run(List<String> command, byte[] stdin, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(PROJECT.toFile()).start();
        } catch (IOException e) {
            throw new IOException("Could not run " + command.get(0) + " (" + e.getMessage()
                    + "): the dashboard check needs node and npm on the PATH", e);
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String out = new String(stdout.join(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + new String(stderr.join(), StandardCharsets.UTF_8) + out);
        }
        return out;
    }

    private static byte[] readAll(InputStream stream) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (stream) {
            stream.transferTo(buffer);
        } catch (IOException e) {
            // The exit status reports the failure; what was read so far is kept.
        }
        return buffer.toByteArray();
    }
}
