package fr.pareto.health.monitor;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads the status page from a running JDK HTTP server in headless Chromium, checks the rendered
 * DOM and saves a phone-sized screenshot to {@code target/status-page.png}.
 */
class StatusPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Instant START = Instant.parse("2026-12-04T06:00:00Z");
    private static final List<String> NAMES = List.of("API Health", "Web", "PostgreSQL", "Redis", "Scraper");

    private final FakeScheduler scheduler = new FakeScheduler(START);
    private MonitorService service;
    private HttpServer server;
    private Path profile;

    @BeforeEach
    void startServer() throws IOException {
        ScriptedCheck api = new ScriptedCheck(scheduler).takes(Duration.ofMillis(38));
        ScriptedCheck web = new ScriptedCheck(scheduler).takes(Duration.ofMillis(121));
        ScriptedCheck postgres = new ScriptedCheck(scheduler).takes(Duration.ofMillis(2));
        ScriptedCheck redis = new ScriptedCheck(scheduler).takes(Duration.ofMillis(1));
        ScriptedCheck scraper = new ScriptedCheck(scheduler).takes(Duration.ofMillis(260));
        service = MonitorService.builder()
                .monitor(Monitor.builder(NAMES.get(0), api).target("http://api:8080/health").downAfter(3).build())
                .monitor(Monitor.builder(NAMES.get(1), web).target("https://pareto.fr").downAfter(3).build())
                .monitor(Monitor.builder(NAMES.get(2), postgres).target("postgres:5432").downAfter(3).build())
                .monitor(Monitor.builder(NAMES.get(3), redis).target("redis:6379").downAfter(3).build())
                .monitor(Monitor.builder(NAMES.get(4), scraper).target("http://api:8080/health/scraper")
                        .interval(Duration.ofMinutes(5)).downAfter(3).build())
                .scheduler(scheduler)
                .build();
        service.start();

        // Two hours of history: the web front had a 20-minute outage, PostgreSQL is down now and
        // Redis has just started failing.
        scheduler.advance(Duration.ofMinutes(40));
        web.fail("HTTP 502 from https://pareto.fr");
        scheduler.advance(Duration.ofMinutes(20));
        web.pass();
        scheduler.advance(Duration.ofMinutes(50));
        postgres.fail("connection refused by postgres:5432");
        scheduler.advance(Duration.ofMinutes(9));
        redis.fail("connection refused by redis:6379");
        scheduler.advance(Duration.ofMinutes(1));

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status", new StatusPageHandler(StatusPage.builder(service).title("Pareto status").build()));
        server.start();
        profile = Files.createTempDirectory("chromium-profile");
    }

    @AfterEach
    void stopServer() throws IOException {
        server.stop(0);
        service.close();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void chromiumRendersEveryMonitor() throws Exception {
        requireChromium();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/status";

        String dom = runChromium(url, "--dump-dom");
        Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        runChromium(url, "--screenshot=" + screenshot, "--window-size=420,1300");

        List<String> rendered = new ArrayList<>();
        Matcher monitor = Pattern.compile("<span class=\"name\">([^<]+)</span><span class=\"badge (\\w+)\">(\\w+)</span>").matcher(dom);
        while (monitor.find()) {
            rendered.add(monitor.group(1) + "=" + monitor.group(3));
        }
        assertThat(rendered).containsExactly("API Health=UP", "Web=UP", "PostgreSQL=DOWN", "Redis=PENDING", "Scraper=UP");
        assertThat(dom).contains("id=\"overall\" data-status=\"down\"").contains("1 of 5 monitors down");
        assertThat(Files.size(screenshot)).isGreaterThan(5_000);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must install Chromium (Debian package chromium) at " + CHROMIUM + "; .ci/run does so when it is missing");
        }
        assumeTrue(false, "Chromium is not installed at " + CHROMIUM + "; install the Debian package chromium to run this test");
    }

    private String runChromium(String url, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(extra));
        command.add(url);
        Path output = Files.createTempFile("chromium", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("Chromium did not finish within 90 s: " + command);
            }
            assertThat(process.exitValue()).as("Chromium exit code for %s", command).isZero();
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
