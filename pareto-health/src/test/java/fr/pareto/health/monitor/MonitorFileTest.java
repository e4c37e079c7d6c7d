package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HttpCheck;
import fr.pareto.health.TcpCheck;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading monitors from a file. No test here contacts a target. */
class MonitorFileTest {

    private static final HealthCheck DATABASE = HealthCheck.of("database", HealthResult::ok);

    private static List<Monitor> parse(String text) {
        return MonitorFile.parse(text, "monitors.conf", Map.of("database", DATABASE), name -> null);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MonitorFileTest.class.getResource("/monitor/" + name).toURI());
    }

    @Test
    void paretoFileGivesFiveMonitors() throws URISyntaxException {
        List<Monitor> monitors = MonitorFile.read(resource("pareto-monitors.conf"));

        assertThat(monitors).extracting(Monitor::name)
                .containsExactly("API Health", "Web", "PostgreSQL", "Redis", "Scraper");
        assertThat(monitors).extracting(Monitor::target)
                .containsExactly("http://api:8080/health", "https://pareto.fr", "postgres:5432", "redis:6379",
                        "http://api:8080/health/scraper");
        assertThat(monitors).extracting(Monitor::interval)
                .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
                        Duration.ofSeconds(60), Duration.ofSeconds(300));
        assertThat(monitors).allSatisfy(monitor -> {
            assertThat(monitor.downAfter()).isEqualTo(3);
            assertThat(monitor.notifyRecovery()).isTrue();
            assertThat(monitor.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(monitor.renotifyEvery()).isZero();
        });
        assertThat(monitors.get(0).check()).isInstanceOf(HttpCheck.class);
        assertThat(monitors.get(2).check()).isInstanceOfSatisfying(TcpCheck.class, tcp -> {
            assertThat(tcp.host()).isEqualTo("postgres");
            assertThat(tcp.port()).isEqualTo(5432);
            assertThat(tcp.timeout()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void everyKeyIsApplied() {
        List<Monitor> monitors = parse("""
                [defaults]
                renotify-every = 30m
                [API]
                http = http://127.0.0.1:8080/health
                interval = 30s
                timeout = 5s
                down-after = 2
                retry-interval = 10s
                notify-recovery = no
                max-response-time = 1500ms
                paused = yes
                expect-status = 200-399
                keyword = "status":"ok"
                keyword-absent = error
                follow-redirects = yes
                header.Authorization = Bearer abc
                [Database]
                check = database
                renotify-every = off
                interval = PT2M
                """);

        Monitor api = monitors.get(0);
        assertThat(api.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(api.downAfter()).isEqualTo(2);
        assertThat(api.retryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(api.notifyRecovery()).isFalse();
        assertThat(api.maxResponseTime()).contains(Duration.ofMillis(1500));
        assertThat(api.paused()).isTrue();
        assertThat(api.renotifyEvery()).isEqualTo(Duration.ofMinutes(30));
        assertThat(api.check().toString()).contains("expected 200-399", "timeout 5 s");
        Monitor database = monitors.get(1);
        assertThat(database.check()).isSameAs(DATABASE);
        assertThat(database.renotifyEvery()).isZero();
        assertThat(database.interval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(database.target()).isEqualTo("check database");
    }

    @Test
    void environmentVariablesAreSubstituted() {
        List<Monitor> monitors = MonitorFile.parse("""
                [API]
                http = http://${API_HOST}:8080/health
                """, "monitors.conf", Map.of(), name -> name.equals("API_HOST") ? "127.0.0.1" : null);

        assertThat(monitors.get(0).target()).isEqualTo("http://127.0.0.1:8080/health");
    }

    @Test
    void invalidValuesNameLineKeyValueAndFix() {
        assertThatThrownBy(() -> parse("""
                [defaults]
                interval = 60

                [Web]
                http = https://pareto.fr
                down-after = three
                notify-recovery = maybe
                expect-status = ok
                """))
                .isInstanceOf(MonitorFileException.class)
                .hasMessageContaining("monitors.conf:2: invalid interval \"60\" in [Web]: write a duration with a unit, such as 500ms, 60s, 5m or 1h")
                .hasMessageContaining("monitors.conf:6: invalid down-after \"three\" in [Web]: write a whole number, such as 3")
                .hasMessageContaining("monitors.conf:7: invalid notify-recovery \"maybe\" in [Web]: write yes or no")
                .hasMessageContaining("monitors.conf:8: invalid expect-status \"ok\" in [Web]: write a status code such as 200, or a range such as 200-399")
                .satisfies(e -> assertThat(((MonitorFileException) e).problems()).hasSize(4));
    }

    @Test
    void structuralProblemsAreReported() {
        assertThatThrownBy(() -> parse("""
                interval = 60s
                [API]
                http = http://127.0.0.1/health
                tcp = 127.0.0.1:80
                [Redis]
                tcp = redis
                timout = 5s
                [Redis]
                tcp = redis:6379
                [Queue]
                check = queue
                [Cache
                just some words
                [PostgreSQL]
                tcp = postgres:5432
                keyword = ok
                """))
                .isInstanceOf(MonitorFileException.class)
                .hasMessageContaining("monitors.conf:1: \"interval\" is outside any section")
                .hasMessageContaining("monitors.conf:2: [API] has several targets: give exactly one of http = URL, tcp = host:port or check = NAME")
                .hasMessageContaining("monitors.conf:6: invalid tcp \"redis\" in [Redis]: write host:port with a port from 1 to 65535")
                .hasMessageContaining("monitors.conf:7: unknown key \"timout\" in [Redis]: the keys are http, tcp, check, interval, timeout")
                .hasMessageContaining("monitors.conf:8: duplicate monitor [Redis], first on line 5")
                .hasMessageContaining("monitors.conf:11: invalid check \"queue\" in [Queue]: name one of the checks passed to MonitorFile.read: [database]")
                .hasMessageContaining("monitors.conf:12: section header \"[Cache\" has no closing ]")
                .hasMessageContaining("monitors.conf:13: expected \"key = value\" or \"[Monitor name]\", found \"just some words\"")
                .hasMessageContaining("monitors.conf:16: \"keyword\" in [PostgreSQL] applies only to http monitors: remove it");
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertThatThrownBy(() -> parse("""
                [API]
                http = http://127.0.0.1/health
                interval = 5ms
                down-after = 0
                """))
                .hasMessageContaining("monitors.conf:3: invalid interval \"5ms\" in [API]: Invalid interval PT0.005S: give a duration from 10 ms to 1 day")
                .hasMessageContaining("monitors.conf:4: invalid down-after \"0\" in [API]: Invalid downAfter 0");
    }

    @Test
    void secretsInBadValuesAreMasked() {
        assertThatThrownBy(() -> parse("""
                [API]
                http = ftp://user:hunter2@127.0.0.1/health?token=abc123
                """))
                .hasMessageContaining("invalid http \"ftp://***@127.0.0.1/health?token=***\"")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("abc123");
    }

    @Test
    void missingEnvironmentVariableIsReported() {
        assertThatThrownBy(() -> parse("""
                [API]
                http = http://127.0.0.1/health
                header.Authorization = Bearer ${API_TOKEN}
                """))
                .hasMessageContaining("monitors.conf:3: environment variable API_TOKEN is not set");
    }

    @Test
    void emptyFileIsReported() {
        assertThatThrownBy(() -> parse("# nothing yet\n"))
                .hasMessage("monitors.conf: no monitor: add a section such as [API Health] with http = http://api:8080/health");
    }
}
