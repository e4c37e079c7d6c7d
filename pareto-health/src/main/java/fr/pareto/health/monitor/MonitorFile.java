package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.monitor.internal.MonitorFileParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads monitors from a short text file, one section per monitor:
 *
 * <pre>
 * # Settings for every monitor; a monitor's own section overrides them.
 * [defaults]
 * interval = 60s
 * down-after = 3
 * notify-recovery = yes
 *
 * [API Health]
 * http = http://api:8080/health
 *
 * [PostgreSQL]
 * tcp = postgres:5432
 *
 * [Scraper]
 * http = http://api:8080/health/scraper
 * interval = 300s
 * </pre>
 *
 * <p>Each monitor section names one target: {@code http = URL}, {@code tcp = host:port}, or
 * {@code check = NAME} for a {@link HealthCheck} passed in code (a JDBC check, say). The other
 * keys, allowed in {@code [defaults]} too:
 * <table>
 *   <caption>Keys of a monitor section</caption>
 *   <tr><th>key</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code interval}</td><td>duration between checks</td><td>60s</td></tr>
 *   <tr><td>{@code timeout}</td><td>duration one check may take</td><td>10s, or the interval if shorter</td></tr>
 *   <tr><td>{@code down-after}</td><td>consecutive failed checks that make it DOWN, 1 to 1000</td><td>1</td></tr>
 *   <tr><td>{@code retry-interval}</td><td>duration between checks while PENDING</td><td>the interval</td></tr>
 *   <tr><td>{@code renotify-every}</td><td>duration between "still down" notifications, or {@code off}</td><td>off</td></tr>
 *   <tr><td>{@code notify-recovery}</td><td>{@code yes} or {@code no}</td><td>yes</td></tr>
 *   <tr><td>{@code max-response-time}</td><td>duration above which a passing check fails</td><td>none</td></tr>
 *   <tr><td>{@code paused}</td><td>{@code yes} or {@code no}</td><td>no</td></tr>
 *   <tr><td>{@code expect-status}</td><td>HTTP only: {@code 200} or a range {@code 200-399}</td><td>200-299</td></tr>
 *   <tr><td>{@code keyword}</td><td>HTTP only: text the body must contain</td><td>none</td></tr>
 *   <tr><td>{@code keyword-absent}</td><td>HTTP only: text the body must not contain</td><td>none</td></tr>
 *   <tr><td>{@code follow-redirects}</td><td>HTTP only: {@code yes} or {@code no}</td><td>no</td></tr>
 *   <tr><td>{@code header.NAME}</td><td>HTTP only: a request header, such as {@code header.Authorization}</td><td>none</td></tr>
 * </table>
 *
 * <p>Durations are a number and a unit: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h},
 * {@code 1d}, or ISO-8601 such as {@code PT1M}. Lines starting with {@code #} or {@code ;} are
 * comments. A value may contain {@code ${NAME}}, replaced by the environment variable NAME, so
 * tokens need not be written in the file. The file is UTF-8.
 *
 * <p>Reading checks the whole file and throws one {@link MonitorFileException} that lists every
 * problem with its line, key, value and fix. Reading never contacts a target.
 */
public final class MonitorFile {

    private MonitorFile() {
    }

    /**
     * Reads a file whose monitors use only {@code http} and {@code tcp} targets.
     *
     * @throws MonitorFileException if the file has a problem
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<Monitor> read(Path file) {
        return read(file, Map.of());
    }

    /**
     * Reads a file whose {@code check = NAME} targets name the given checks.
     *
     * @param checks the checks that {@code check = NAME} may name, by name
     * @throws MonitorFileException if the file has a problem, such as a check name not in checks
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<Monitor> read(Path file, Map<String, HealthCheck> checks) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read monitor file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.getFileName().toString(), checks, System::getenv);
    }

    /**
     * Parses monitor file text.
     *
     * @param text        the file's content
     * @param source      the name used in error messages, such as {@code monitors.conf}
     * @param checks      the checks that {@code check = NAME} may name
     * @param environment looks up {@code ${NAME}}; returns null for an unset variable
     * @throws MonitorFileException if the text has a problem
     */
    public static List<Monitor> parse(String text, String source, Map<String, HealthCheck> checks,
                                      UnaryOperator<String> environment) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(environment, "environment");
        return new MonitorFileParser(source, checks, environment).parse(text);
    }
}
