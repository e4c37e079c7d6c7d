package fr.pareto.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.pareto.logging.support.DemoMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link DemoMain} in a child JVM, as a user's program would start, and reads its standard output. */
class ZeroConfigurationTest {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @TempDir
    Path temp;

    @Test
    void jsonLinesWithoutAnyConfiguration() throws Exception {
        List<String> lines = run(Map.of(), List.of(), null);

        assertThat(lines).hasSize(2);
        JsonNode request = STRICT.readTree(lines.get(0));
        assertThat(request.get("message").asText()).isEqualTo("request handled");
        assertThat(request.get("level").asText()).isEqualTo("info");
        assertThat(request.get("module").asText()).isEqualTo("api");
        assertThat(request.get("status").asInt()).isEqualTo(200);
        assertThat(request.get("duration_ms").isNumber()).isTrue();
        assertThat(request.get("request_id").asText()).isEqualTo("req-1");
        JsonNode failure = STRICT.readTree(lines.get(1));
        assertThat(failure.get("message").asText()).isEqualTo("scrape failed");
        assertThat(failure.get("error").asText()).isEqualTo("java.lang.IllegalStateException: blocked with password=***");
        assertThat(failure.get("url").asText()).isEqualTo("https://fnac.example/p?token=***");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2", "t0k3n");
    }

    @Test
    void consoleFormatFromEnvironment() throws Exception {
        List<String> lines = run(Map.of("PARETO_LOG_FORMAT", "console", "PARETO_LOG_LEVEL", "debug"), List.of(), null);

        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DBG debug detail request_id=req-1");
        assertThat(lines.get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INF request handled module=api method=GET "
                + "path=/api/products status=200 duration_ms=12\\.0 request_id=req-1");
        assertThat(lines.get(2)).contains(" ERR scrape failed module=scraper retailer=fnac")
                .contains("error=\"java.lang.IllegalStateException: blocked with password=***\"");
        assertThat(lines.get(3)).isEqualTo("java.lang.IllegalStateException: blocked with password=***");
        assertThat(String.join("\n", lines)).doesNotContain("\u001b[");
    }

    @Test
    void systemPropertyWinsOverEnvironment() throws Exception {
        List<String> lines = run(Map.of("PARETO_LOG_FORMAT", "json"), List.of("-DPARETO_LOG_FORMAT=console"), null);

        assertThat(lines.get(0)).contains(" INF request handled ");
    }

    @Test
    void invalidLevelIsReportedAndInfoUsed() throws Exception {
        Output output = runCapturingErrors(Map.of("PARETO_LOG_LEVEL", "verbose"));

        List<JsonNode> events = allJson(output.lines());
        assertThat(events).extracting(node -> node.get("message").asText()).containsExactly(
                "Invalid PARETO_LOG_LEVEL 'verbose': use trace, debug, info, warn, error or off; using info",
                "request handled", "scrape failed");
        assertThat(events.get(0).get("level").asText()).isEqualTo("warn");
        assertThat(output.errors()).contains("logback WARN: Invalid PARETO_LOG_LEVEL 'verbose'");
    }

    @Test
    void invalidFormatIsReportedAndJsonUsed() throws Exception {
        Output output = runCapturingErrors(Map.of("PARETO_LOG_FORMAT", "bogus"));

        List<JsonNode> events = allJson(output.lines());
        assertThat(events).extracting(node -> node.get("message").asText()).containsExactly(
                "Invalid PARETO_LOG_FORMAT 'bogus': use json, console; using json",
                "request handled", "scrape failed");
        assertThat(output.errors()).contains("logback WARN: Invalid PARETO_LOG_FORMAT 'bogus'");
    }

    @Test
    void invalidSettingsLeaveOnlyJsonOnStandardOutput() throws Exception {
        Output output = runCapturingErrors(Map.of("PARETO_LOG_LEVEL", "verbose", "PARETO_LOG_FORMAT", "bogus",
                "PARETO_LOG_TIME_FORMAT", "sundial", "PARETO_LOG_MAX_LINE_BYTES", "lots"));

        List<JsonNode> events = allJson(output.lines());
        assertThat(events).hasSize(6);
        assertThat(events).filteredOn(node -> node.get("level").asText().equals("warn")).hasSize(4);
        assertThat(events).extracting(node -> node.get("message").asText())
                .anySatisfy(message -> assertThat(message).startsWith("Invalid PARETO_LOG_TIME_FORMAT")
                        .contains("sundial").endsWith("; using rfc3339"))
                .anySatisfy(message -> assertThat(message).startsWith("Invalid PARETO_LOG_MAX_LINE_BYTES")
                        .contains("lots").endsWith("; using 16384"));
        assertThat(output.errors().lines().filter(line -> line.startsWith("logback WARN: Invalid PARETO_LOG_")))
                .hasSize(4);
    }

    @Test
    void logstashProfileAndUnixTime() throws Exception {
        List<String> lines = run(Map.of("PARETO_LOG_PROFILE", "logstash", "PARETO_LOG_TIME_FORMAT", "unix_seconds"),
                List.of(), null);

        JsonNode request = STRICT.readTree(lines.get(0));
        assertThat(request.get("@timestamp").isIntegralNumber()).isTrue();
        assertThat(request.get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void userLogbackXmlTakesPrecedence() throws Exception {
        Path config = temp.resolve("logback.xml");
        Files.writeString(config, """
                <configuration>
                  <include resource="fr/pareto/logging/json-appender.xml"/>
                  <root level="WARN">
                    <appender-ref ref="PARETO_JSON"/>
                  </root>
                </configuration>
                """);

        List<String> lines = run(Map.of("PARETO_LOG_TIME_FORMAT", "unix_millis"), List.of(), temp);

        List<JsonNode> events = jsonLines(lines);
        assertThat(events).extracting(node -> node.get("message").asText()).containsExactly("scrape failed");
        assertThat(events.get(0).get("time").isIntegralNumber()).isTrue();
    }

    @Test
    void includableConsoleAndAsyncAppenders() throws Exception {
        Path consoleConfig = temp.resolve("console.xml");
        Files.writeString(consoleConfig, """
                <configuration>
                  <include resource="fr/pareto/logging/console-appender.xml"/>
                  <root level="INFO"><appender-ref ref="PARETO_CONSOLE"/></root>
                </configuration>
                """);
        Path asyncConfig = temp.resolve("async.xml");
        Files.writeString(asyncConfig, """
                <configuration>
                  <include resource="fr/pareto/logging/async-json-appender.xml"/>
                  <root level="INFO"><appender-ref ref="PARETO_ASYNC_JSON"/></root>
                </configuration>
                """);

        List<String> console = run(Map.of(), List.of("-Dlogback.configurationFile=" + consoleConfig), null);
        List<String> async = run(Map.of(), List.of("-Dlogback.configurationFile=" + asyncConfig), null);

        assertThat(console.get(0)).contains(" INF request handled module=api");
        assertThat(jsonLines(async)).extracting(node -> node.get("message").asText())
                .containsExactly("request handled", "scrape failed");
    }

    @Test
    void asyncModeFlushesAtExit() throws Exception {
        List<String> lines = run(Map.of("PARETO_LOG_ASYNC", "block"), List.of(), null);

        assertThat(jsonLines(lines)).extracting(node -> node.get("message").asText())
                .containsExactly("request handled", "scrape failed");
    }

    /** Parses every line as one JSON object, so that any plain-text line fails the test. */
    private static List<JsonNode> allJson(List<String> lines) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).as("standard output line").startsWith("{");
            events.add(STRICT.readTree(line));
        }
        return events;
    }

    private static List<JsonNode> jsonLines(List<String> lines) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                events.add(STRICT.readTree(line));
            }
        }
        return events;
    }

    /** Standard output lines and standard error text of a child JVM. */
    private record Output(List<String> lines, String errors) {
    }

    /** Runs the demo in a child JVM with {@code env}, keeping its standard error too. */
    private Output runCapturingErrors(Map<String, String> env) throws IOException, InterruptedException {
        Path errors = temp.resolve("stderr.txt");
        List<String> lines = run(env, List.of(), null, errors);
        return new Output(lines, Files.readString(errors, StandardCharsets.UTF_8));
    }

    /** Runs the demo in a child JVM and returns its standard output lines. */
    private static List<String> run(Map<String, String> env, List<String> jvmOptions, Path extraClassPath)
            throws IOException, InterruptedException {
        return run(env, jvmOptions, extraClassPath, null);
    }

    private static List<String> run(Map<String, String> env, List<String> jvmOptions, Path extraClassPath,
            Path errors) throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        if (extraClassPath != null) {
            classPath = extraClassPath + File.pathSeparator + classPath;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(DemoMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        if (errors != null) {
            builder.redirectError(errors.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("PARETO_LOG_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; output:%n%s", text).isZero();
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
