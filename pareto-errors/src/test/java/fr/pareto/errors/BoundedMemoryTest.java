package fr.pareto.errors;

import static fr.pareto.errors.Failures.frame;
import static fr.pareto.errors.Failures.withFrames;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedMemoryTest {

    @Test
    void deliveryDownStaysBoundedCountingDrops() throws Exception {
        CountDownLatch deliveryDown = new CountDownLatch(1);
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        ErrorListener stuck = new ErrorListener() {
            @Override
            public void onNewGroup(ErrorGroup group) {
                firstCallStarted.countDown();
                try {
                    deliveryDown.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ErrorTracker tracker = ErrorTracker.builder().name("bounded").applicationPackages("com.acme")
                .maxGroups(50).notificationQueueCapacity(10).listener(stuck)
                .shutdownTimeout(Duration.ofMillis(200)).flushOnExit(false).build();
        try (LogCapture logs = LogCapture.tracker()) {
            tracker.capture(withFrames(new IllegalStateException(), frame("com.acme.Gen", "m0", 1)));
            assertThat(firstCallStarted.await(30, TimeUnit.SECONDS)).isTrue();

            for (int i = 1; i < 5000; i++) {
                tracker.capture(withFrames(new IllegalStateException(), frame("com.acme.Gen", "m" + i, 1)));
            }

            ErrorTrackerStats stats = tracker.stats();
            assertThat(stats.recorded()).isEqualTo(5000);
            assertThat(stats.groups()).isEqualTo(50);
            assertThat(stats.evictedGroups()).isEqualTo(4950);
            // One notification is in the stuck listener, ten wait in the queue, the rest are dropped.
            assertThat(stats.droppedNotifications()).isEqualTo(5000 - 1 - 10);
            assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .contains("listener queue is full or closed").contains("notifications dropped so far"));
        } finally {
            deliveryDown.countDown();
            tracker.close();
        }
    }
}
