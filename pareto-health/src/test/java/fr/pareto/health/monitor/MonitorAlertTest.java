package fr.pareto.health.monitor;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertSink;
import fr.pareto.alerting.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Monitor transitions as pareto-alerting alerts, through a fake sink. */
class MonitorAlertTest {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FakeScheduler scheduler = new FakeScheduler(START);
    private final ScriptedCheck check = new ScriptedCheck(scheduler);
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final AlertSink sink = alerts::add;
    private MonitorService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private void start(Monitor monitor, AlertGate gate) {
        service = MonitorService.builder()
                .monitor(monitor)
                .alertSink(sink)
                .alertGate(gate)
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);
    }

    private Monitor api(String target) {
        return Monitor.builder("API Health", check).target(target).interval(MINUTE).downAfter(3)
                .renotifyEvery(Duration.ofMinutes(30)).build();
    }

    private static Map<String, String> fields(Alert alert) {
        return alert.fields().stream().collect(Collectors.toMap(Alert.Field::name, Alert.Field::value));
    }

    @Test
    void downAlertIsRedWithDetails() {
        check.fail("HTTP 503 from http://api:8080/health");
        start(api("http://api:8080/health"), AlertGate.ALWAYS);
        scheduler.advance(MINUTE.multipliedBy(2));

        assertThat(alerts).hasSize(1);
        Alert down = alerts.get(0);
        assertThat(down.title()).isEqualTo("API Health is down");
        assertThat(down.severity()).isEqualTo(Severity.ERROR);
        assertThat(down.color()).isEqualTo(0xFF0000);
        assertThat(down.source()).contains("uptime monitor");
        assertThat(down.timestamp()).isEqualTo(START.plus(MINUTE.multipliedBy(2)));
        assertThat(fields(down)).containsEntry("Monitor", "API Health")
                .containsEntry("Target", "http://api:8080/health")
                .containsEntry("Error", "HTTP 503 from http://api:8080/health")
                .containsEntry("Down since", "2026-12-01 08:00:00 UTC")
                .containsEntry("Failed checks", "3");
    }

    @Test
    void upAlertIsGreenWithOutageDuration() {
        check.fail();
        start(api("http://api:8080/health"), AlertGate.ALWAYS);
        scheduler.advance(Duration.ofMinutes(11));
        check.pass();
        scheduler.advance(MINUTE);

        assertThat(alerts).extracting(Alert::title).containsExactly("API Health is down", "API Health is up");
        Alert up = alerts.get(1);
        assertThat(up.severity()).isEqualTo(Severity.RESOLVED);
        assertThat(up.color()).isEqualTo(0x00FF00);
        assertThat(up.description()).isEqualTo("Back up after 12 min down.");
        assertThat(fields(up)).containsEntry("Outage", "12 min").containsEntry("Down since", "2026-12-01 08:00:00 UTC");
    }

    @Test
    void stillDownAlertGivesFailedCount() {
        check.fail();
        start(api("http://api:8080/health"), AlertGate.ALWAYS);
        scheduler.advance(Duration.ofMinutes(32));

        Alert still = alerts.get(1);
        assertThat(still.title()).isEqualTo("API Health is still down");
        assertThat(still.description()).isEqualTo("33 checks have failed since 2026-12-01 08:00:00 UTC (32 min).");
        assertThat(fields(still)).containsEntry("Failed checks", "33");
        assertThat(still.deduplicationKey()).isNotEqualTo(alerts.get(0).deduplicationKey());
    }

    @Test
    void onlyPendingMonitorSendsNoAlert() {
        check.fail();
        start(api("http://api:8080/health"), AlertGate.ALWAYS);
        scheduler.advance(MINUTE);
        check.pass();
        scheduler.advance(Duration.ofHours(1));

        assertThat(alerts).isEmpty();
    }

    @Test
    void secretsInTargetAndErrorAreMasked() {
        check.fail("GET https://admin:hunter2@status.example/health?api_key=s3cr3t&x=1 failed: connection reset");
        start(api("https://admin:hunter2@status.example/health?api_key=s3cr3t&x=1"), AlertGate.ALWAYS);
        scheduler.advance(MINUTE.multipliedBy(2));

        Alert down = alerts.get(0);
        String everything = down.title() + down.description() + down.fields()
                + service.snapshots() + service.monitors();
        assertThat(everything).doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("admin");
        assertThat(fields(down)).containsEntry("Target", "https://***@status.example/health?api_key=***&x=1");
        assertThat(fields(down).get("Error")).contains("https://***@status.example/health?api_key=***&x=1");
    }

    @Test
    void closedGateSendsNothingButKeepsState() {
        check.fail();
        start(api("http://api:8080/health"), () -> false);
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(alerts).isEmpty();
        assertThat(service.snapshot("API Health").orElseThrow().incident().orElseThrow().notified()).isTrue();
    }

    @Test
    void failingGateSendsAnyway() {
        check.fail();
        start(api("http://api:8080/health"), () -> {
            throw new IllegalStateException("lock table unavailable");
        });
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(alerts).extracting(Alert::title).containsExactly("API Health is down");
    }
}
