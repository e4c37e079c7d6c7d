package fr.pareto.errors;

import static fr.pareto.errors.Failures.frame;
import static fr.pareto.errors.Failures.withFrames;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShutdownTest {

    @Test
    void closeDeliversQueuedNotifications() {
        RecordingListener listener = new RecordingListener();
        ErrorTracker tracker = ErrorTracker.builder().name("flush").applicationPackages("com.acme").listener(listener)
                .flushOnExit(false).build();
        for (int i = 0; i < 200; i++) {
            tracker.capture(withFrames(new IllegalStateException(), frame("com.acme.Gen", "m" + i, 1)));
        }

        tracker.close();

        assertThat(listener.notifications).hasSize(200);
        assertThat(tracker.stats().droppedNotifications()).isZero();
    }

    @Test
    void closeStopsAtTimeoutCountingRest() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ErrorTracker tracker = ErrorTracker.builder().name("stuck").applicationPackages("com.acme")
                .shutdownTimeout(Duration.ofMillis(300)).flushOnExit(false)
                .listener(new ErrorListener() {
                    @Override
                    public void onNewGroup(ErrorGroup group) {
                        started.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build();
        try {
            for (int i = 0; i < 6; i++) {
                tracker.capture(withFrames(new IllegalStateException(), frame("com.acme.Gen", "m" + i, 1)));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the listener holds the first notification").isTrue();

            long start = System.nanoTime();
            tracker.close();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            // Generous: the bound is 300 ms, the machine may be slow and shared.
            assertThat(tookMillis).isLessThan(10_000);
            assertThat(tracker.stats().droppedNotifications()).isEqualTo(5);
        } finally {
            release.countDown();
        }
    }

    @Test
    void notifierThreadIsADaemon() {
        try (ErrorTracker tracker = ErrorTracker.builder().name("daemon").listener(new RecordingListener())
                .flushOnExit(false).build()) {
            List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("pareto-errors-notifier-daemon")).toList();

            assertThat(threads).singleElement().satisfies(thread -> assertThat(thread.isDaemon()).isTrue());
        }
    }

    @Test
    @Timeout(120)
    void jvmExitDeliversQueuedNotifications() throws Exception {
        String output = runProbe("deliver");

        assertThat(output).contains("main done");
        assertThat(output.lines().filter(line -> line.startsWith("delivered "))).hasSize(5);
    }

    @Test
    @Timeout(120)
    void stuckListenerDoesNotKeepTheJvmAlive() throws Exception {
        String output = runProbe("stuck");

        assertThat(output).contains("main done")
                .contains("4 listener notifications were not delivered within the shutdown timeout of 500 ms");
        assertThat(output.lines().filter(line -> line.startsWith("delivered "))).isEmpty();
    }

    private static String runProbe(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownProbe.class.getName(), mode).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM exited").isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(output, StandardCharsets.UTF_8);
    }
}
