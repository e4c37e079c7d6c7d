package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import fr.pareto.errors.logback.ErrorTrackingAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UncaughtExceptionTrackingTest {

    private final ErrorTracker tracker = ErrorTracker.builder().name("uncaught-test").flushOnExit(false).build();
    private Thread.UncaughtExceptionHandler original;

    @BeforeEach
    void remember() {
        original = Thread.getDefaultUncaughtExceptionHandler();
    }

    @AfterEach
    void restore() {
        Thread.setDefaultUncaughtExceptionHandler(original);
        tracker.close();
    }

    private static void runFailingThread(String message) throws InterruptedException {
        Thread thread = new Thread(() -> {
            throw new IllegalStateException(message);
        }, "worker-1");
        thread.start();
        thread.join();
    }

    @Test
    void twoHandlersRecordOneOccurrence() throws Exception {
        org.slf4j.Logger log = LoggerFactory.getLogger("com.acme.Main");
        int[] applicationCalls = new int[1];
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            applicationCalls[0]++;
            log.error("uncaught exception in {}", thread.getName(), e);
        });
        ErrorTrackingAppender appender = ErrorTrackingAppender.attachToRoot(tracker);
        try (UncaughtExceptionTracking handler = tracker.installUncaughtExceptionHandler()) {
            runFailingThread("thrown once");
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
            appender.stop();
        }

        assertThat(applicationCalls[0]).as("the previous handler still ran").isEqualTo(1);
        assertThat(tracker.stats().recorded()).isEqualTo(1);
        assertThat(tracker.stats().duplicates()).isEqualTo(1);
        assertThat(tracker.groups().get(0).lastSample().context()).containsEntry("thread", "worker-1");
    }

    @Test
    void noPreviousHandlerPrintsLikeJvm() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(null);
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (UncaughtExceptionTracking handler = tracker.installUncaughtExceptionHandler()) {
            runFailingThread("nobody catches me");
        } finally {
            System.setErr(err);
        }

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("Exception in thread \"worker-1\" java.lang.IllegalStateException: nobody catches me")
                .contains("\tat fr.pareto.errors.UncaughtExceptionTrackingTest");
        assertThat(tracker.stats().recorded()).isEqualTo(1);
    }

    @Test
    void installingTwiceIsRejected() {
        try (UncaughtExceptionTracking handler = tracker.installUncaughtExceptionHandler()) {
            assertThatThrownBy(tracker::installUncaughtExceptionHandler).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("error tracker \"uncaught-test\" is already installed");
        }
    }

    @Test
    void closeRestoresThePreviousHandler() {
        Thread.UncaughtExceptionHandler previous = (thread, e) -> { };
        Thread.setDefaultUncaughtExceptionHandler(previous);

        UncaughtExceptionTracking handler = tracker.installUncaughtExceptionHandler();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(handler);
        handler.close();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
    }

    @Test
    void closeLeavesAHandlerInstalledLaterInPlace() {
        UncaughtExceptionTracking handler = tracker.installUncaughtExceptionHandler();
        Thread.UncaughtExceptionHandler later = (thread, e) -> { };
        Thread.setDefaultUncaughtExceptionHandler(later);

        handler.close();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(later);
    }
}
