package fr.pareto.errors;

import static fr.pareto.errors.Failures.frame;
import static fr.pareto.errors.Failures.withFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupsAndListenersTest {

    private final FakeClock clock = FakeClock.atEpochDay();
    private final RecordingListener listener = new RecordingListener();
    private ErrorTracker tracker = ErrorTracker.builder().name("groups-test").applicationPackages("com.acme")
            .clock(clock).regressionAfter(Duration.ofMinutes(30)).spike(3, Duration.ofMinutes(1))
            .listener(listener).flushOnExit(false).build();

    @AfterEach
    void close() {
        tracker.close();
    }

    private static IllegalStateException failure(String method) {
        return withFrames(new IllegalStateException(method + " failed"), frame("com.acme.Service", method, 1));
    }

    @Test
    void newGroupIsNotifiedOnce() {
        tracker.capture(failure("load"));
        tracker.capture(failure("load"));
        tracker.close();

        String fingerprint = tracker.fingerprint(failure("load"));
        assertThat(listener.notifications).containsExactly("new " + fingerprint);
    }

    @Test
    void groupSeenAfterQuietTimeIsARegression() {
        tracker.capture(failure("load"));
        clock.advance(Duration.ofMinutes(29));
        tracker.capture(failure("load"));
        clock.advance(Duration.ofMinutes(45));
        tracker.capture(failure("load"));
        tracker.close();

        String fingerprint = tracker.fingerprint(failure("load"));
        assertThat(listener.notifications).containsExactly("new " + fingerprint, "regression " + fingerprint + " PT45M");
    }

    @Test
    void spikeReportedOncePerWindow() {
        for (int i = 0; i < 6; i++) {
            tracker.capture(failure("load"));
        }
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 4; i++) {
            tracker.capture(failure("load"));
        }
        tracker.close();

        String fingerprint = tracker.fingerprint(failure("load"));
        assertThat(listener.notifications).containsExactly("new " + fingerprint,
                "spike " + fingerprint + " 4 PT1M", "spike " + fingerprint + " 4 PT1M");
    }

    @Test
    void failingListenerDoesNotStopTheOthers() {
        RecordingListener second = new RecordingListener();
        try (ErrorTracker isolated = ErrorTracker.builder().name("isolated").flushOnExit(false)
                .listener(new ErrorListener() {
                    @Override
                    public void onNewGroup(ErrorGroup group) {
                        throw new IllegalStateException("listener broke");
                    }
                })
                .listener(second).build()) {
            isolated.capture(failure("a"));
            isolated.capture(failure("b"));

            await().untilAsserted(() -> assertThat(second.notifications).hasSize(2));
            assertThat(isolated.stats().listenerFailures()).isEqualTo(2);
        }
    }

    @Test
    void listenersRunOffTheCapturingThread() {
        String[] threadName = new String[1];
        try (ErrorTracker offThread = ErrorTracker.builder().name("off-thread").flushOnExit(false)
                .listener(new ErrorListener() {
                    @Override
                    public void onNewGroup(ErrorGroup group) {
                        threadName[0] = Thread.currentThread().getName();
                    }
                }).build()) {
            offThread.capture(failure("a"));
        }

        assertThat(threadName[0]).isEqualTo("pareto-errors-notifier-off-thread");
    }

    @Test
    void queriesOrderByCountAndByRecency() {
        tracker.capture(failure("often"));
        tracker.capture(failure("often"));
        tracker.capture(failure("often"));
        clock.advance(Duration.ofSeconds(1));
        tracker.capture(failure("once"));

        assertThat(tracker.mostFrequent(10)).extracting(ErrorGroup::count).containsExactly(3L, 1L);
        assertThat(tracker.mostRecent(10)).extracting(ErrorGroup::count).containsExactly(1L, 3L);
        assertThat(tracker.mostRecent(1)).hasSize(1);
        assertThat(tracker.group(tracker.fingerprint(failure("once")))).isPresent();
        assertThat(tracker.group("0000000000000000")).isEmpty();
        assertThatThrownBy(() -> tracker.mostFrequent(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid limit 0: give 1 or more groups");
    }

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> ErrorTracker.builder().maxGroups(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid maxGroups 0: give 1 to 100000");
        assertThatThrownBy(() -> ErrorTracker.builder().applicationPackages("com.acme.*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"com.acme.*\"");
        assertThatThrownBy(() -> ErrorTracker.builder().shutdownTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid shutdownTimeout PT0S: give PT0.001S to PT10M");
        assertThatThrownBy(() -> ErrorTracker.builder().clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
    }
}
