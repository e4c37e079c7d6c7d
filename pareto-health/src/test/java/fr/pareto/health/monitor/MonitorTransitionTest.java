package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.monitor.MonitorEvent.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Transitions and notifications of one monitor, on a fake clock. */
class MonitorTransitionTest {

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

    private MonitorService start(Monitor.Builder monitor) {
        service = MonitorService.builder()
                .monitor(monitor.build())
                .notifier(notifier)
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);
        return service;
    }

    private Monitor.Builder pareto() {
        return Monitor.builder("API Health", check).target("http://api:8080/health").interval(MINUTE).downAfter(3);
    }

    private MonitorStatus status() {
        return service.snapshot("API Health").orElseThrow().status();
    }

    @Test
    void downAfterThreeConsecutiveFailures() {
        check.fail("HTTP 503 from http://api:8080/health");
        start(pareto());

        assertThat(status()).isEqualTo(MonitorStatus.PENDING);
        scheduler.advance(MINUTE);
        assertThat(status()).isEqualTo(MonitorStatus.PENDING);
        assertThat(notifier.events()).isEmpty();
        scheduler.advance(MINUTE);

        assertThat(status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(notifier.types()).containsExactly(Type.DOWN);
        MonitorEvent down = notifier.events().get(0);
        assertThat(down.monitor()).isEqualTo("API Health");
        assertThat(down.target()).isEqualTo("http://api:8080/health");
        assertThat(down.message()).isEqualTo("HTTP 503 from http://api:8080/health");
        assertThat(down.failedChecks()).isEqualTo(3);
        assertThat(down.downSince()).isEqualTo(START);
        assertThat(down.time()).isEqualTo(START.plus(MINUTE.multipliedBy(2)));
    }

    @Test
    void recoveryAfterNotifiedDownSendsUpWithOutage() {
        check.fail();
        start(pareto());
        scheduler.advance(Duration.ofMinutes(10));
        check.pass();
        scheduler.advance(MINUTE);

        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.UP);
        MonitorEvent up = notifier.events().get(1);
        assertThat(up.downSince()).isEqualTo(START);
        assertThat(up.outage()).isEqualTo(Duration.ofMinutes(11));
        assertThat(up.failedChecks()).isEqualTo(11);
        assertThat(status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void failureWithinRetryBudgetSendsNothing() {
        check.fail();
        start(pareto());
        scheduler.advance(MINUTE);
        check.pass();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(notifier.events()).isEmpty();
        assertThat(status()).isEqualTo(MonitorStatus.UP);
        assertThat(service.snapshot("API Health").orElseThrow().heartbeats())
                .extracting(Heartbeat::status)
                .startsWith(MonitorStatus.PENDING, MonitorStatus.PENDING, MonitorStatus.UP);
    }

    @Test
    void flappingBelowThresholdSendsNothing() {
        start(pareto());
        for (int i = 0; i < 50; i++) {
            check.fail();
            scheduler.advance(MINUTE.multipliedBy(2));
            check.pass();
            scheduler.advance(MINUTE);
        }

        assertThat(notifier.events()).isEmpty();
    }

    @Test
    void flappingGivesOneDownAndUpPerIncident() {
        start(pareto());
        int incidents = 0;
        for (int i = 0; i < 40; i++) {
            // Alternate between two failures (stays PENDING) and three (goes DOWN).
            int failures = i % 2 == 0 ? 3 : 2;
            incidents += failures == 3 ? 1 : 0;
            check.fail();
            scheduler.advance(MINUTE.multipliedBy(failures));
            check.pass();
            scheduler.advance(MINUTE);
        }

        List<Type> types = notifier.types();
        assertThat(types).hasSize(2 * incidents);
        for (int i = 0; i < types.size(); i++) {
            assertThat(types.get(i)).as("event %d", i).isEqualTo(i % 2 == 0 ? Type.DOWN : Type.UP);
        }
    }

    @Test
    void longOutageSendsOneDownWithoutRenotification() {
        check.fail();
        start(pareto());
        scheduler.advance(Duration.ofDays(3));

        assertThat(notifier.types()).containsExactly(Type.DOWN);
        assertThat(service.snapshot("API Health").orElseThrow().incident().orElseThrow().failedChecks())
                .isEqualTo(3 * 24 * 60 + 1);
    }

    @Test
    void renotificationRepeatsWithFailedCount() {
        check.fail();
        start(pareto().renotifyEvery(Duration.ofMinutes(30)));
        scheduler.advance(Duration.ofMinutes(62));

        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.STILL_DOWN, Type.STILL_DOWN);
        assertThat(notifier.events()).extracting(MonitorEvent::failedChecks).containsExactly(3, 33, 63);
        assertThat(notifier.events()).extracting(MonitorEvent::time)
                .containsExactly(START.plus(Duration.ofMinutes(2)), START.plus(Duration.ofMinutes(32)),
                        START.plus(Duration.ofMinutes(62)));
    }

    @Test
    void recoveryNotificationCanBeTurnedOff() {
        check.fail();
        start(pareto().notifyRecovery(false));
        scheduler.advance(Duration.ofMinutes(5));
        check.pass();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(notifier.types()).containsExactly(Type.DOWN);
        assertThat(status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void downAfterOneIsDownOnFirstFailure() {
        check.fail();
        start(pareto().downAfter(1));

        assertThat(notifier.types()).containsExactly(Type.DOWN);
        assertThat(notifier.events().get(0).failedChecks()).isEqualTo(1);
    }

    @Test
    void retryIntervalAppliesWhilePending() {
        check.fail();
        start(pareto().retryInterval(Duration.ofSeconds(20)));
        scheduler.advance(Duration.ofMinutes(3));

        // Pending checks come 20 s apart; once DOWN the normal interval applies again.
        assertThat(check.starts()).startsWith(START, START.plusSeconds(20), START.plusSeconds(40),
                START.plusSeconds(100), START.plusSeconds(160));
        assertThat(notifier.events().get(0).time()).isEqualTo(START.plusSeconds(40));
    }

    @Test
    void degradedCountsAsUp() {
        HealthCheck degraded = HealthCheck.of("queue", () -> HealthResult.degraded("backlog above 10000"));
        service = MonitorService.builder()
                .monitor(Monitor.builder("Queue", degraded).build())
                .notifier(notifier)
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);

        Heartbeat last = service.snapshot("Queue").orElseThrow().lastHeartbeat().orElseThrow();
        assertThat(last.status()).isEqualTo(MonitorStatus.UP);
        assertThat(last.message()).isEqualTo("backlog above 10000");
    }

    @Test
    void thrownExceptionAndNullResultAreFailures() {
        HealthCheck throwing = HealthCheck.of("throws", () -> {
            throw new IllegalStateException("pool exhausted");
        });
        HealthCheck nothing = HealthCheck.of("null", () -> null);
        service = MonitorService.builder()
                .monitor(Monitor.builder("Throws", throwing).build())
                .monitor(Monitor.builder("Null", nothing).build())
                .notifier(notifier)
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);

        assertThat(notifier.events()).extracting(MonitorEvent::message)
                .containsExactly("IllegalStateException: pool exhausted", "check returned no result");
    }

    @Test
    void slowResponseAboveMaximumIsFailure() {
        check.takes(Duration.ofMillis(2300));
        start(pareto().downAfter(1).maxResponseTime(Duration.ofSeconds(1)));

        assertThat(notifier.events()).extracting(MonitorEvent::message)
                .containsExactly("responded in 2.3 s, above the maximum of 1 s");
    }

    @Test
    void notifierFailureDoesNotStopOthersOrMonitoring() {
        List<MonitorEvent> received = new ArrayList<>();
        check.fail();
        service = MonitorService.builder()
                .monitor(pareto().downAfter(1).build())
                .notifier(event -> {
                    throw new IllegalStateException("webhook misconfigured");
                })
                .notifier(received::add)
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);
        check.pass();
        scheduler.advance(MINUTE);

        assertThat(received).extracting(MonitorEvent::type).containsExactly(Type.DOWN, Type.UP);
    }

    @Test
    void notifierLinkageErrorDoesNotStopMonitoring() {
        check.fail();
        service = MonitorService.builder()
                .monitor(pareto().downAfter(1).build())
                .notifier(event -> {
                    throw new NoClassDefFoundError("fr/pareto/alerting/Alert");
                })
                .notifier(notifier)
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ZERO);
        check.pass();
        scheduler.advance(MINUTE.multipliedBy(3));

        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.UP);
        assertThat(check.starts()).hasSize(4);
    }
}
