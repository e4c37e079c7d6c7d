package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Timeouts, isolation and parallelism on the real system scheduler. */
class MonitorRealTimeTest {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final CountDownLatch release = new CountDownLatch(1);
    private MonitorService service;

    @AfterEach
    void close() {
        release.countDown();
        if (service != null) {
            service.close();
        }
    }

    private MonitorSnapshot snapshot(String name) {
        return service.snapshot(name).orElseThrow();
    }

    @Test
    void hungCheckTimesOutAndOthersKeepRunning() {
        Monitor hung = Monitor.builder("Hung", HealthCheck.of("hung", () -> {
            release.await();
            return HealthResult.ok();
        })).interval(Duration.ofSeconds(30)).timeout(Duration.ofMillis(300)).build();
        Monitor fast = Monitor.builder("Fast", HealthCheck.of("fast", HealthResult::ok))
                .interval(Duration.ofMillis(50)).build();
        service = MonitorService.builder().monitor(hung).monitor(fast).notifier(notifier).build();
        long started = System.nanoTime();
        service.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.events().isEmpty());
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        MonitorEvent down = notifier.events().get(0);
        assertThat(down.monitor()).isEqualTo("Hung");
        assertThat(down.message()).isEqualTo("timed out after 300 ms");
        // Within the timeout plus a margin for a slow shared machine, not after the check returns.
        assertThat(elapsedMillis).isBetween(300L, 5_000L);
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot("Fast").heartbeats().size() >= 5);
        assertThat(snapshot("Fast").heartbeats()).allMatch(beat -> beat.status() == MonitorStatus.UP);
    }

    @Test
    void checksOfOneMonitorNeverOverlap() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        // Ignores interruption, as some drivers do, and holds on for a long time.
        Monitor stubborn = Monitor.builder("Stubborn", HealthCheck.of("stubborn", () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                while (true) {
                    try {
                        if (release.await(10, TimeUnit.SECONDS)) {
                            return HealthResult.ok();
                        }
                    } catch (InterruptedException e) {
                        // Keep waiting: this check does not honour interrupts.
                    }
                }
            } finally {
                running.decrementAndGet();
            }
        })).interval(Duration.ofMillis(50)).timeout(Duration.ofMillis(100)).downAfter(3).build();
        service = MonitorService.builder().monitor(stubborn).notifier(notifier).build();
        service.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot("Stubborn").heartbeats().size() >= 6);

        List<Heartbeat> beats = snapshot("Stubborn").heartbeats();
        assertThat(maxRunning.get()).isEqualTo(1);
        assertThat(beats.get(0).message()).isEqualTo("timed out after 100 ms");
        assertThat(beats.subList(1, beats.size()))
                .allSatisfy(beat -> assertThat(beat.message()).startsWith("previous check still running"));
        assertThat(notifier.types()).containsExactly(MonitorEvent.Type.DOWN);
    }

    @Test
    void monitorsRunInParallel() {
        Monitor.Builder[] slow = new Monitor.Builder[3];
        for (int i = 0; i < slow.length; i++) {
            slow[i] = Monitor.builder("Slow " + i, HealthCheck.of("slow", () -> {
                Thread.sleep(1000);
                return HealthResult.ok();
            })).interval(Duration.ofMinutes(1)).timeout(Duration.ofSeconds(30));
        }
        service = MonitorService.builder().monitor(slow[0].build()).monitor(slow[1].build()).monitor(slow[2].build()).build();
        service.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> service.snapshots().stream().allMatch(snapshot -> snapshot.lastHeartbeat().isPresent()));

        List<MonitorSnapshot> snapshots = service.snapshots();
        assertThat(snapshots).extracting(MonitorSnapshot::name).containsExactly("Slow 0", "Slow 1", "Slow 2");
        Instant first = snapshots.get(0).lastHeartbeat().orElseThrow().time();
        for (MonitorSnapshot snapshot : snapshots) {
            Heartbeat beat = snapshot.lastHeartbeat().orElseThrow();
            assertThat(beat.status()).isEqualTo(MonitorStatus.UP);
            assertThat(beat.responseTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            // Started together rather than one after the other (which would be a second apart).
            assertThat(Duration.between(first, beat.time()).abs()).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void closeStopsChecks() {
        AtomicInteger checks = new AtomicInteger();
        service = MonitorService.builder()
                .monitor(Monitor.builder("Counted", HealthCheck.of("counted", () -> {
                    checks.incrementAndGet();
                    return HealthResult.ok();
                })).interval(Duration.ofMillis(20)).build())
                .build();
        service.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> checks.get() >= 3);
        service.close();
        int afterClose = checks.get();

        // A check already started may still finish; none starts after that.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> checks.get() <= afterClose + 1);
    }

    @Test
    void resumeWaitsForCheckStartedBeforePause() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Monitor slow = Monitor.builder("Slow", HealthCheck.of("slow", () -> {
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                release.await();
            }
            return HealthResult.ok();
        })).interval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(20)).build();
        service = MonitorService.builder().monitor(slow).notifier(notifier).build();
        service.start();
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        service.pause("Slow");
        service.resume("Slow");
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshot("Slow").heartbeats().size() >= 3);

        // The first check's result was discarded by the pause; no failure was made up meanwhile.
        assertThat(snapshot("Slow").heartbeats()).allSatisfy(beat -> assertThat(beat.status()).isEqualTo(MonitorStatus.UP));
        assertThat(notifier.events()).isEmpty();
    }
}
