package fr.pareto.health.monitor;

import fr.pareto.health.monitor.MonitorEvent.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Planning, history, maintenance and pause on a fake clock. */
class MonitorScheduleTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FakeScheduler scheduler = new FakeScheduler(START);
    private final ScriptedCheck check = new ScriptedCheck(scheduler);
    private final RecordingNotifier notifier = new RecordingNotifier();
    private MonitorService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private void start(Monitor.Builder monitor, int historySize) {
        service = MonitorService.builder()
                .monitor(monitor.build())
                .notifier(notifier)
                .scheduler(scheduler)
                .historySize(historySize)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);
    }

    private Monitor.Builder monitor() {
        return Monitor.builder("API Health", check).interval(MINUTE).timeout(Duration.ofMinutes(5)).downAfter(3);
    }

    private MonitorSnapshot snapshot() {
        return service.snapshot("API Health").orElseThrow();
    }

    @Test
    void slowChecksDoNotShiftThePlan() {
        check.takes(Duration.ofSeconds(45));
        start(monitor(), 100);
        scheduler.advance(Duration.ofMinutes(4));

        assertThat(check.starts()).containsExactly(START, START.plus(MINUTE), START.plus(MINUTE.multipliedBy(2)),
                START.plus(MINUTE.multipliedBy(3)), START.plus(MINUTE.multipliedBy(4)));
    }

    @Test
    void checkLongerThanIntervalSkipsMissedSlots() {
        check.takes(Duration.ofSeconds(150));
        start(monitor(), 100);
        scheduler.advance(Duration.ofMinutes(10));

        // Slots at 1 and 2 min passed while the first check ran: the next starts at 3 min, not at once.
        // The clock is at 12:30 here, since the first check took 2:30 before the 10 min advance.
        assertThat(check.starts()).containsExactly(START, START.plus(MINUTE.multipliedBy(3)),
                START.plus(MINUTE.multipliedBy(6)), START.plus(MINUTE.multipliedBy(9)),
                START.plus(MINUTE.multipliedBy(12)));
    }

    @Test
    void checkPastTimeoutIsFailure() {
        check.takes(Duration.ofSeconds(12));
        start(monitor().timeout(Duration.ofSeconds(10)).downAfter(1), 100);

        assertThat(notifier.events()).extracting(MonitorEvent::message).containsExactly("timed out after 10 s");
        assertThat(snapshot().lastHeartbeat().orElseThrow().responseTime()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void historyIsBoundedRing() {
        start(monitor(), 10);
        scheduler.advance(Duration.ofMinutes(59));

        List<Heartbeat> heartbeats = snapshot().heartbeats();
        assertThat(heartbeats).hasSize(10);
        assertThat(heartbeats.get(0).time()).isEqualTo(START.plus(Duration.ofMinutes(50)));
        assertThat(heartbeats.get(9).time()).isEqualTo(START.plus(Duration.ofMinutes(59)));
    }

    @Test
    void uptimeRatiosCoverThirtyDaysWithoutKeepingHeartbeats() {
        // Up except for 6 whole hours DOWN on day 10 and 3 whole hours DOWN on the last day.
        check.pass();
        start(monitor().downAfter(1), 50);
        scheduler.advance(Duration.ofDays(10).minus(MINUTE));
        check.fail();
        scheduler.advance(Duration.ofHours(6));
        check.pass();
        scheduler.advance(Duration.ofDays(19).minus(Duration.ofHours(6)));
        check.fail();
        scheduler.advance(Duration.ofHours(3));
        check.pass();
        scheduler.advance(Duration.ofHours(21).minus(MINUTE));

        // One check a minute from 0 to 30 days minus 2 minutes: 43199 checks in 720 hours, 540 of
        // them DOWN; the last 24 hours hold 1439 checks, 180 of them DOWN.
        MonitorSnapshot snapshot = snapshot();
        assertThat(snapshot.time()).isEqualTo(START.plus(Duration.ofDays(30)).minus(MINUTE.multipliedBy(2)));
        assertThat(snapshot.heartbeats()).hasSize(50);
        assertThat(snapshot.uptime24h().orElseThrow()).isCloseTo((1439.0 - 180) / 1439, within(1e-9));
        assertThat(snapshot.uptime30d().orElseThrow()).isCloseTo((43199.0 - 540) / 43199, within(1e-9));
        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.UP, Type.DOWN, Type.UP);
    }

    @Test
    void uptimeIsEmptyBeforeFirstCheck() {
        service = MonitorService.builder().monitor(monitor().build()).scheduler(scheduler).build();

        MonitorSnapshot snapshot = snapshot();
        assertThat(snapshot.status()).isEqualTo(MonitorStatus.UNKNOWN);
        assertThat(snapshot.uptime24h()).isEmpty();
        assertThat(snapshot.averageResponseTime()).isEmpty();
        assertThat(snapshot.lastHeartbeat()).isEmpty();
    }

    @Test
    void responseTimeAverageAndP95() {
        start(monitor(), 100);
        for (int millis = 1; millis <= 100; millis++) {
            check.takes(Duration.ofMillis(millis));
            scheduler.advance(MINUTE);
        }

        // The ring contains the last 100 checks: 1 ms to 100 ms.
        assertThat(snapshot().averageResponseTime()).contains(Duration.ofNanos(50_500_000));
        assertThat(snapshot().p95ResponseTime()).contains(Duration.ofMillis(95));
    }

    @Test
    void incidentHasStartDurationAndCount() {
        start(monitor(), 100);
        scheduler.advance(Duration.ofMinutes(5));
        check.fail("HTTP 502 from http://api:8080/health");
        scheduler.advance(Duration.ofMinutes(4));

        Incident incident = snapshot().incident().orElseThrow();
        assertThat(incident.start()).isEqualTo(START.plus(Duration.ofMinutes(6)));
        assertThat(incident.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(incident.failedChecks()).isEqualTo(4);
        assertThat(incident.lastError()).isEqualTo("HTTP 502 from http://api:8080/health");
        assertThat(incident.notified()).isTrue();

        check.pass();
        scheduler.advance(MINUTE);
        assertThat(snapshot().incident()).isEmpty();
    }

    @Test
    void maintenanceSuppressesChecksAndAlerts() {
        service = MonitorService.builder()
                .monitor(monitor().build())
                .notifier(notifier)
                .scheduler(scheduler)
                .maintenance(MaintenanceWindow.of(START.plus(Duration.ofMinutes(10)), Duration.ofHours(1)))
                .build();
        service.start();
        scheduler.advance(Duration.ofMinutes(10));
        check.fail();
        scheduler.advance(Duration.ofMinutes(30));

        assertThat(snapshot().status()).isEqualTo(MonitorStatus.MAINTENANCE);
        assertThat(check.starts()).hasSize(10);
        check.pass();
        scheduler.advance(Duration.ofMinutes(40));

        assertThat(notifier.events()).isEmpty();
        assertThat(snapshot().status()).isEqualTo(MonitorStatus.UP);
        // Maintenance heartbeats do not count against uptime.
        assertThat(snapshot().uptime24h().orElseThrow()).isEqualTo(1.0);
    }

    @Test
    void notifiedIncidentSurvivesMaintenance() {
        check.fail();
        start(monitor(), 100);
        scheduler.advance(Duration.ofMinutes(5));
        service.addMaintenance(MaintenanceWindow.of(START.plus(Duration.ofMinutes(6)), Duration.ofMinutes(30), "API Health"));
        scheduler.advance(Duration.ofMinutes(40));

        // Still failing after the window: DOWN again, but no second DOWN for the same incident.
        assertThat(snapshot().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(notifier.types()).containsExactly(Type.DOWN);
        check.pass();
        scheduler.advance(MINUTE);

        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.UP);
    }

    @Test
    void pendingFailuresAreForgottenByMaintenance() {
        start(monitor(), 100);
        check.fail();
        scheduler.advance(MINUTE.multipliedBy(2));
        service.addMaintenance(MaintenanceWindow.of(START.plus(Duration.ofMinutes(3)), Duration.ofMinutes(10)));
        scheduler.advance(Duration.ofMinutes(11));

        // Two failures before the window, one after: PENDING, not DOWN.
        assertThat(snapshot().status()).isEqualTo(MonitorStatus.PENDING);
        assertThat(notifier.events()).isEmpty();
    }

    @Test
    void pauseStopsChecksAndResumeChecksAtOnce() {
        start(monitor(), 100);
        scheduler.advance(Duration.ofMinutes(2));
        service.pause("API Health");
        scheduler.advance(Duration.ofHours(1));

        assertThat(check.starts()).hasSize(3);
        assertThat(snapshot().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(scheduler.pendingTasks()).isZero();

        service.resume("API Health");
        scheduler.advance(Duration.ZERO);
        assertThat(check.starts()).hasSize(4);
        assertThat(check.starts().get(3)).isEqualTo(START.plus(Duration.ofMinutes(62)));
        assertThat(snapshot().status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void pausedDownMonitorRecoversWithUp() {
        check.fail();
        start(monitor(), 100);
        scheduler.advance(Duration.ofMinutes(3));
        service.pause("API Health");
        check.pass();
        scheduler.advance(Duration.ofHours(2));
        service.resume("API Health");
        scheduler.advance(Duration.ZERO);

        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.UP);
    }

    @Test
    void monitorConfiguredPausedDoesNotRun() {
        start(monitor().paused(true), 100);
        scheduler.advance(Duration.ofHours(1));

        assertThat(check.starts()).isEmpty();
        assertThat(snapshot().status()).isEqualTo(MonitorStatus.PAUSED);
    }
}
