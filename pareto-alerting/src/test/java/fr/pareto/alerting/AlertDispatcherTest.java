package fr.pareto.alerting;

import ch.qos.logback.classic.Level;
import fr.pareto.alerting.support.FakeNotifier;
import fr.pareto.alerting.support.LogCapture;
import fr.pareto.alerting.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AlertDispatcherTest {

    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Alert alert(String title) {
        return Alert.builder(title).description("about " + title).source("test").build();
    }

    @Test
    void deliversToEveryNotifier() {
        FakeNotifier discord = new FakeNotifier("discord", 10);
        FakeNotifier email = new FakeNotifier("email", 1);
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(discord).notifier(email).build()) {
            dispatcher.send(alert("down"));

            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 2);
            assertThat(discord.deliveredAlerts()).extracting(Alert::title).containsExactly("down");
            assertThat(email.deliveredAlerts()).extracting(Alert::title).containsExactly("down");
        }
    }

    @Test
    void backlogIsCoalescedUpToBatchSize() {
        FakeNotifier discord = new FakeNotifier("discord", 10);
        CountDownLatch gate = discord.hold();
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(discord).build()) {
            for (int i = 0; i < 25; i++) {
                dispatcher.send(alert("alert " + i));
            }
            gate.countDown();

            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 25);
            List<Integer> sizes = discord.messages().stream().map(List::size).toList();
            assertThat(sizes).allMatch(size -> size <= 10).contains(10);
            assertThat(dispatcher.counters().coalesced()).isEqualTo(25 - sizes.size());
            assertThat(discord.deliveredAlerts()).extracting(Alert::title)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "alert " + i).toList());
        }
    }

    @Test
    void temporaryFailuresAreRetriedWithinBudget() {
        FakeNotifier notifier = new FakeNotifier("flaky", 1)
                .answer(DeliveryResult.retry("HTTP 503"), DeliveryResult.retry("timed out"));
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).retryPolicy(FAST).build()) {
            dispatcher.send(alert("down"));

            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 1);
            assertThat(notifier.attempts()).hasSize(3);
            assertThat(dispatcher.counters().retried()).isEqualTo(2);
        }
    }

    @Test
    void spentRetryBudgetIsLoggedWithFullAlert() {
        FakeNotifier notifier = new FakeNotifier("broken", 1).behave(alerts -> DeliveryResult.retry("HTTP 502 Bad Gateway"));
        try (LogCapture logs = new LogCapture();
             AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).retryPolicy(FAST.withMaxAttempts(3)).build()) {
            dispatcher.send(Alert.builder("Disk full").description("/var at 100%").field("Host", "db-1").build());

            await().atMost(WAIT).until(() -> dispatcher.counters().failed() == 1);
            assertThat(notifier.attempts()).hasSize(3);
            String error = logs.messages(Level.ERROR).get(0);
            assertThat(error).contains("broken", "gave up after 3 attempts", "HTTP 502 Bad Gateway");
            assertThat(error).contains("[ERROR] Disk full", "/var at 100%", "Host: db-1");
        }
    }

    @Test
    void permanentFailureIsNotRetried() {
        FakeNotifier notifier = new FakeNotifier("strict", 1).answer(DeliveryResult.failed("HTTP 400 Invalid Form Body"));
        try (LogCapture logs = new LogCapture();
             AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).retryPolicy(FAST).build()) {
            dispatcher.send(alert("bad"));

            await().atMost(WAIT).until(() -> dispatcher.counters().failed() == 1);
            assertThat(notifier.attempts()).hasSize(1);
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("HTTP 400 Invalid Form Body"));
        }
    }

    @Test
    void retryAfterIsWaitedWithoutSpendingAttempts() {
        FakeNotifier notifier = new FakeNotifier("limited", 1).answer(
                DeliveryResult.retryAfter("429", Duration.ofMillis(100)),
                DeliveryResult.retryAfter("429", Duration.ofMillis(100)),
                DeliveryResult.retryAfter("429", Duration.ofMillis(100)));
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier)
                .retryPolicy(FAST.withMaxAttempts(1)).build()) {
            long start = System.nanoTime();
            dispatcher.send(alert("limited"));

            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(notifier.attempts()).hasSize(4);
        }
    }

    @Test
    void identicalAlertsInWindowAreSentOnceThenSummarised() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T20:00:00Z"));
        FakeNotifier notifier = new FakeNotifier("discord", 10);
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).clock(clock)
                .deduplicationWindow(Duration.ofMinutes(5)).build()) {
            for (int i = 0; i < 4; i++) {
                dispatcher.send(alert("Redis down"));
            }
            dispatcher.send(alert("Postgres down"));

            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 2);
            assertThat(dispatcher.counters().deduplicated()).isEqualTo(3);

            clock.advance(Duration.ofMinutes(6));
            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 3);
            Alert summary = notifier.deliveredAlerts().get(2);
            assertThat(summary.title()).isEqualTo("Redis down (repeated 3 times)");
            assertThat(summary.fields().get(0).value()).startsWith("3 more times");

            dispatcher.send(alert("Redis down"));
            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 4);
        }
    }

    @Test
    void fullQueueDropsAndLogsWithoutBlocking() throws Exception {
        FakeNotifier notifier = new FakeNotifier("slow", 1);
        CountDownLatch gate = notifier.hold();
        try (LogCapture logs = new LogCapture();
             AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).queueCapacity(2)
                     .deduplicationWindow(Duration.ZERO).build()) {
            dispatcher.send(alert("in flight"));
            await().atMost(WAIT).until(() -> dispatcher.queued() == 0);
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                dispatcher.send(alert("queued " + i));
            }
            long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(dispatcher.counters().dropped()).isEqualTo(3);
            assertThat(sendMillis).isLessThan(2000);
            assertThat(logs.messages(Level.ERROR)).filteredOn(m -> m.contains("queue is full")).hasSize(3)
                    .allMatch(m -> m.contains("[ERROR] queued"));
            gate.countDown();
            await().atMost(WAIT).until(() -> dispatcher.counters().sent() == 3);
        }
    }

    @Test
    void offerTimeoutBoundsTheWait() {
        FakeNotifier notifier = new FakeNotifier("slow", 1);
        CountDownLatch gate = notifier.hold();
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).queueCapacity(1)
                .offerTimeout(Duration.ofMillis(200)).deduplicationWindow(Duration.ZERO).build()) {
            dispatcher.send(alert("in flight"));
            await().atMost(WAIT).until(() -> dispatcher.queued() == 0);
            dispatcher.send(alert("queued"));

            long start = System.nanoTime();
            dispatcher.send(alert("waits then drops"));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(5));
            assertThat(dispatcher.counters().dropped()).isEqualTo(1);
            gate.countDown();
        }
    }

    @Test
    void closeDeliversWhatIsQueued() {
        FakeNotifier notifier = new FakeNotifier("discord", 1);
        AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).deduplicationWindow(Duration.ZERO).build();
        for (int i = 0; i < 20; i++) {
            dispatcher.send(alert("alert " + i));
        }

        dispatcher.close();

        assertThat(dispatcher.counters().sent()).isEqualTo(20);
        assertThat(notifier.deliveredAlerts()).hasSize(20);
    }

    @Test
    void closeTimeoutLogsWhatWasNotDelivered() {
        FakeNotifier notifier = new FakeNotifier("stuck", 1);
        notifier.hold();
        try (LogCapture logs = new LogCapture()) {
            AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier)
                    .closeTimeout(Duration.ofMillis(300)).deduplicationWindow(Duration.ZERO).build();
            dispatcher.send(alert("in flight"));
            dispatcher.send(alert("queued"));
            long start = System.nanoTime();

            dispatcher.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(dispatcher.counters().failed()).isEqualTo(2);
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("[ERROR] in flight") && m.contains("close timeout"));
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("[ERROR] queued") && m.contains("close timeout"));
        }
    }

    @Test
    void closeSendsPendingRepeatSummaries() {
        FakeNotifier notifier = new FakeNotifier("discord", 10);
        AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier).build();
        dispatcher.send(alert("flapping"));
        dispatcher.send(alert("flapping"));

        dispatcher.close();

        assertThat(notifier.deliveredAlerts()).extracting(Alert::title).containsExactly("flapping", "flapping (repeated 1 times)");
    }

    @Test
    void sendAfterCloseIsLoggedAndCounted() {
        AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(new FakeNotifier("discord", 1)).build();
        dispatcher.close();
        try (LogCapture logs = new LogCapture()) {
            dispatcher.send(alert("late"));

            assertThat(dispatcher.counters().dropped()).isEqualTo(1);
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("closed") && m.contains("[ERROR] late"));
        }
    }

    @Test
    void sendNeverThrows() {
        FakeNotifier notifier = new FakeNotifier("throwing", 1).behave(alerts -> {
            throw new IllegalStateException("bug in notifier");
        });
        try (LogCapture logs = new LogCapture();
             AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(notifier)
                     .retryPolicy(FAST.withMaxAttempts(2)).build()) {
            dispatcher.send(null);
            dispatcher.send(alert("boom"));

            await().atMost(WAIT).until(() -> dispatcher.counters().failed() == 1);
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("null alert"));
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("bug in notifier"));
        }
    }

    @Test
    void withoutNotifierAlertsAreLogged() {
        try (LogCapture logs = new LogCapture(); AlertDispatcher dispatcher = AlertDispatcher.builder().build()) {
            dispatcher.send(alert("nobody listens"));

            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("no notifier") && m.contains("nobody listens"));
        }
    }

    @Test
    void workerThreadsAreDaemons() {
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(new FakeNotifier("daemon-check", 1)).build()) {
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(thread -> thread.getName().startsWith("pareto-alert-"))
                    .isNotEmpty()
                    .allMatch(Thread::isDaemon);
        }
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> AlertDispatcher.builder().queueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity 0");
        assertThatThrownBy(() -> AlertDispatcher.builder().offerTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offerTimeout");
        assertThatThrownBy(() -> AlertDispatcher.builder().notifier(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("notifier");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts 0");
    }

    @Test
    void backoffGrowsAndStaysWithinBounds() {
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        for (int attempt = 1; attempt <= 8; attempt++) {
            long nominal = Math.min(1000, 100L << (attempt - 1));
            assertThat(policy.backoff(attempt).toMillis()).isBetween(nominal / 2, nominal);
        }
    }
}
