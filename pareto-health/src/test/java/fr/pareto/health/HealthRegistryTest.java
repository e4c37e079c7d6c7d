package fr.pareto.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private final List<HealthRegistry> registries = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void closeRegistries() {
        release.countDown();
        registries.forEach(HealthRegistry::close);
    }

    private HealthRegistry track(HealthRegistry registry) {
        registries.add(registry);
        return registry;
    }

    private HealthRegistry.Builder fakeClockBuilder() {
        return HealthRegistry.builder().nanoClock(clock::get);
    }

    @Test
    void allOkIsOk() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", HealthResult::ok))
                .register(HealthCheck.of("redis", HealthResult::ok))
                .build());

        HealthReport report = registry.evaluate();

        assertThat(report.status()).isEqualTo(HealthStatus.OK);
        assertThat(report.checks()).extracting(CheckReport::name).containsExactly("database", "redis");
        assertThat(report.checks().get(0).result().duration()).isPresent();
        assertThat(report.checks().get(0).result().time()).isPresent();
    }

    @Test
    void criticalErrorMakesWholeError() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", () -> HealthResult.error("down")))
                .register(HealthCheck.of("redis", HealthResult::ok))
                .build());

        assertThat(registry.evaluate().status()).isEqualTo(HealthStatus.ERROR);
    }

    @Test
    void nonCriticalErrorMakesWholeDegraded() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", HealthResult::ok))
                .register(HealthCheck.of("redis", () -> HealthResult.error("down")), CheckOptions.defaults().nonCritical())
                .build());

        HealthReport report = registry.evaluate();

        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.check("redis")).hasValueSatisfying(check -> {
            assertThat(check.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(check.critical()).isFalse();
        });
    }

    @Test
    void criticalDegradedMakesWholeDegraded() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("disk", () -> HealthResult.degraded("low")))
                .build());

        assertThat(registry.evaluate().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void exceptionBecomesErrorWithReason() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", () -> {
                    throw new IllegalStateException("pool closed, url jdbc:postgresql://app:s3cret@db/app?password=s3cret");
                }))
                .build());

        HealthResult result = registry.evaluate().checks().get(0).result();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("IllegalStateException: pool closed")
                .doesNotContain("s3cret"));
    }

    @Test
    void nullResultAndErrorsBecomeErrors() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("null", () -> null))
                .register(HealthCheck.of("assertion", () -> {
                    throw new AssertionError("broken");
                }))
                .build());

        HealthReport report = registry.evaluate();

        assertThat(report.check("null").orElseThrow().result().message()).hasValue("the check returned no result");
        assertThat(report.check("assertion").orElseThrow().result().message()).hasValue("AssertionError: broken");
    }

    @Test
    void hangingCheckTimesOutAndOthersAreUnaffected() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .timeout(Duration.ofMillis(300))
                .register(HealthCheck.of("hangs", () -> {
                    release.await();
                    return HealthResult.ok();
                }))
                .register(HealthCheck.of("database", HealthResult::ok))
                .build());

        long start = System.nanoTime();
        HealthReport report = registry.evaluate();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.check("hangs").orElseThrow().result().message()).hasValue("timed out after 300 ms");
        assertThat(report.check("database").orElseThrow().status()).isEqualTo(HealthStatus.OK);
        assertThat(report.status()).isEqualTo(HealthStatus.ERROR);
        // Generous: the bound is 300 ms; a slow shared machine may add scheduling delay.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void checkIgnoringInterruptIsNotStartedAgain() {
        AtomicInteger runs = new AtomicInteger();
        HealthRegistry registry = track(HealthRegistry.builder()
                .timeout(Duration.ofMillis(200))
                .cacheTtl(Duration.ZERO)
                .register(HealthCheck.of("stuck", () -> {
                    runs.incrementAndGet();
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException ignored) {
                            // Deliberately deaf to interrupts, like a blocking driver call.
                        }
                    }
                    return HealthResult.ok();
                }))
                .build());

        registry.evaluate();
        HealthResult second = registry.evaluate().checks().get(0).result();

        assertThat(runs).hasValue(1);
        assertThat(second.message()).hasValueSatisfying(message ->
                assertThat(message).startsWith("timed out after 200 ms; the previous run has not returned for"));
    }

    @Test
    void checksRunInParallel() {
        HealthRegistry.Builder builder = HealthRegistry.builder().timeout(Duration.ofSeconds(10));
        for (String name : List.of("first", "second", "third")) {
            builder.register(HealthCheck.of(name, () -> {
                Thread.sleep(1000); // the slow dependency being simulated, not a wait
                return HealthResult.ok();
            }));
        }
        HealthRegistry registry = track(builder.build());

        long start = System.nanoTime();
        HealthReport report = registry.evaluate();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.checks()).extracting(CheckReport::name).containsExactly("first", "second", "third");
        assertThat(elapsed).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void resultsAreCachedForTheTtl() {
        AtomicInteger runs = new AtomicInteger();
        HealthRegistry registry = track(fakeClockBuilder()
                .cacheTtl(Duration.ofSeconds(5))
                .register(HealthCheck.of("database", () -> {
                    runs.incrementAndGet();
                    return HealthResult.ok();
                }))
                .build());

        registry.evaluate();
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        registry.evaluate();
        registry.evaluate(HealthRegistry.READINESS);
        assertThat(runs).hasValue(1);

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        registry.evaluate();
        assertThat(runs).hasValue(2);
    }

    @Test
    void failuresAreCachedToo() {
        AtomicInteger runs = new AtomicInteger();
        HealthRegistry registry = track(fakeClockBuilder()
                .cacheTtl(Duration.ofSeconds(5))
                .register(HealthCheck.of("database", () -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("down");
                }))
                .build());

        for (int i = 0; i < 10; i++) {
            assertThat(registry.evaluate().status()).isEqualTo(HealthStatus.ERROR);
        }

        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentCallersShareOneRun() throws Exception {
        AtomicInteger runsWhileBlocked = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        HealthRegistry registry = track(HealthRegistry.builder()
                .timeout(Duration.ofSeconds(30))
                .cacheTtl(Duration.ZERO)
                .register(HealthCheck.of("database", () -> {
                    if (release.getCount() > 0) {
                        runsWhileBlocked.incrementAndGet();
                    }
                    started.countDown();
                    release.await();
                    return HealthResult.ok();
                }))
                .build());
        List<Thread> callerThreads = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(20, task -> {
            Thread thread = new Thread(task, "health-caller");
            thread.setDaemon(true);
            callerThreads.add(thread);
            return thread;
        });
        try {
            List<Future<HealthReport>> reports = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                reports.add(callers.submit(() -> registry.evaluate()));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            // 100 tasks on 20 threads: once all 20 wait, each is inside evaluate() behind the run.
            await().atMost(Duration.ofSeconds(30)).until(() -> callerThreads.size() == 20
                    && callerThreads.stream().allMatch(thread -> thread.getState() == Thread.State.WAITING
                            || thread.getState() == Thread.State.TIMED_WAITING));
            release.countDown();
            for (Future<HealthReport> report : reports) {
                assertThat(report.get(30, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.OK);
            }
        } finally {
            callers.shutdownNow();
        }

        // With no cache, callers that arrive after the shared run ended start new runs, so only the
        // runs started while the first one was blocked tell whether callers shared it.
        assertThat(runsWhileBlocked).hasValue(1);
    }

    @Test
    void groupsSelectTheirChecks() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", () -> HealthResult.error("down")))
                .register(HealthCheck.of("scraper", HealthResult::ok), CheckOptions.defaults().groups("scraper"))
                .register(HealthCheck.of("threads", HealthResult::ok), CheckOptions.defaults().groups(HealthRegistry.LIVENESS))
                .build());

        assertThat(registry.groups()).containsExactly("live", "ready", "scraper");
        assertThat(registry.evaluate(HealthRegistry.LIVENESS).status()).isEqualTo(HealthStatus.OK);
        assertThat(registry.evaluate(HealthRegistry.LIVENESS).checks()).extracting(CheckReport::name).containsExactly("threads");
        assertThat(registry.evaluate(HealthRegistry.READINESS).status()).isEqualTo(HealthStatus.ERROR);
        assertThat(registry.evaluate("scraper").checks()).extracting(CheckReport::name).containsExactly("scraper");
        assertThat(registry.evaluate().checks()).extracting(CheckReport::name).containsExactly("database", "scraper", "threads");
        assertThatThrownBy(() -> registry.evaluate("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown health group: \"nope\"");
    }

    @Test
    void emptyLivenessIsOk() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", () -> HealthResult.error("down")))
                .build());

        HealthReport live = registry.evaluate(HealthRegistry.LIVENESS);

        assertThat(live.status()).isEqualTo(HealthStatus.OK);
        assertThat(live.checks()).isEmpty();
    }

    @Test
    void listenersHearChangesAndSurviveFailingListeners() {
        AtomicReference<HealthResult> next = new AtomicReference<>(HealthResult.ok());
        List<StatusChange> changes = new CopyOnWriteArrayList<>();
        HealthRegistry registry = track(fakeClockBuilder()
                .cacheTtl(Duration.ofSeconds(1))
                .listener(change -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(changes::add)
                .register(HealthCheck.of("database", next::get))
                .build());

        registry.evaluate();
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        registry.evaluate();
        next.set(HealthResult.error("down"));
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        registry.evaluate();
        next.set(HealthResult.ok());
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        registry.evaluate();

        await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() >= 3);
        assertThat(changes).extracting(StatusChange::previous).containsExactly(
                java.util.Optional.empty(), java.util.Optional.of(HealthStatus.OK), java.util.Optional.of(HealthStatus.ERROR));
        assertThat(changes).extracting(StatusChange::current).containsExactly(HealthStatus.OK, HealthStatus.ERROR, HealthStatus.OK);
        assertThat(changes.get(1).result().message()).hasValue("down");
    }

    @Test
    void slowListenerDelaysNoCheck() {
        AtomicInteger runs = new AtomicInteger();
        HealthRegistry registry = track(fakeClockBuilder()
                .cacheTtl(Duration.ofSeconds(1))
                .timeout(Duration.ofSeconds(1))
                .threads(1)
                .listener(change -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .register(HealthCheck.of("flaky", () -> runs.incrementAndGet() % 2 == 0
                        ? HealthResult.error("down") : HealthResult.ok()))
                .build());

        for (int i = 1; i <= 4; i++) {
            HealthResult result = registry.evaluate().checks().get(0).result();
            assertThat(result.message()).isEqualTo(i % 2 == 0 ? java.util.Optional.of("down") : java.util.Optional.empty());
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        assertThat(runs).hasValue(4);
    }

    @Test
    void gaugesRunOnlyWhenAsked() {
        AtomicInteger gaugeRuns = new AtomicInteger();
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("database", HealthResult::ok))
                .gauge("products", () -> {
                    gaugeRuns.incrementAndGet();
                    return 1234L;
                })
                .gauge("offers", () -> {
                    throw new IllegalStateException("relation \"offers\" does not exist");
                })
                .build());

        registry.evaluate();
        registry.evaluate(HealthRegistry.READINESS);
        assertThat(gaugeRuns).hasValue(0);

        List<CheckReport> gauges = registry.evaluateGauges();
        assertThat(gaugeRuns).hasValue(1);
        assertThat(gauges.get(0).result().details()).containsEntry("value", 1234L);
        assertThat(gauges.get(1).status()).isEqualTo(HealthStatus.ERROR);
    }

    @Test
    void detailedRunsChecksAndGaugesTogether() {
        CountDownLatch checkStarted = new CountDownLatch(1);
        CountDownLatch gaugeStarted = new CountDownLatch(1);
        HealthRegistry registry = track(HealthRegistry.builder()
                .timeout(Duration.ofSeconds(20))
                .register(HealthCheck.of("database", () -> {
                    checkStarted.countDown();
                    return gaugeStarted.await(10, TimeUnit.SECONDS) ? HealthResult.ok() : HealthResult.error("gauge did not run alongside");
                }))
                .gauge("products", () -> {
                    gaugeStarted.countDown();
                    return checkStarted.await(10, TimeUnit.SECONDS) ? 7 : -1;
                })
                .build());

        DetailedReport detailed = registry.evaluateDetailed();

        assertThat(detailed.health().status()).isEqualTo(HealthStatus.OK);
        assertThat(detailed.gauges().get(0).result().details()).containsEntry("value", 7);
    }

    @Test
    void closeIsBoundedAndLaterEvaluationsFail() {
        HealthRegistry registry = HealthRegistry.builder()
                .timeout(Duration.ofSeconds(30))
                .closeTimeout(Duration.ofMillis(200))
                .register(HealthCheck.of("hangs", () -> {
                    release.await();
                    return HealthResult.ok();
                }))
                .build();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<HealthReport> pending = caller.submit(() -> registry.evaluate());
            long start = System.nanoTime();
            registry.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            assertThat(pending.get(10, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.ERROR);
            assertThat(registry.evaluate().checks().get(0).result().message())
                    .hasValue("not run: the health registry is closed");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void threadsAreDaemons() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        HealthRegistry registry = track(HealthRegistry.builder()
                .register(HealthCheck.of("thread", () -> {
                    thread.set(Thread.currentThread());
                    return HealthResult.ok();
                }))
                .build());

        registry.evaluate();

        assertThat(thread.get().isDaemon()).isTrue();
        assertThat(thread.get().getName()).startsWith("pareto-health-check-");
    }

    @Test
    void builderRejectsBadValues() {
        HealthRegistry.Builder builder = HealthRegistry.builder().register(HealthCheck.of("database", HealthResult::ok));

        assertThatThrownBy(() -> builder.register(HealthCheck.of("database", HealthResult::ok)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate health check or gauge name: \"database\"");
        assertThatThrownBy(() -> builder.cacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid cacheTtl: PT-1S");
        assertThatThrownBy(() -> builder.threads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid threads: 0");
        assertThatThrownBy(() -> builder.timeout(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 ms and 1 h");
        assertThatThrownBy(() -> CheckOptions.defaults().groups("Scraper"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid group name: \"Scraper\"");
        assertThatThrownBy(() -> CheckOptions.defaults().groups("detailed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"detailed\"");
        assertThatThrownBy(() -> HealthCheck.of(" ", HealthResult::ok))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> builder.register(null))
                .isInstanceOf(NullPointerException.class).hasMessage("check");
    }
}
