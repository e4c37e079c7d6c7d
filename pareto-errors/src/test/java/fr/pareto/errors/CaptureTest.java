package fr.pareto.errors;

import static fr.pareto.errors.Failures.frame;
import static fr.pareto.errors.Failures.withFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CaptureTest {

    private final FakeClock clock = FakeClock.atEpochDay();
    private final ErrorTracker tracker = ErrorTracker.builder().name("capture-test").applicationPackages("com.acme")
            .clock(clock).flushOnExit(false).build();
    private final LogCapture logs = LogCapture.tracker();

    @AfterEach
    void close() {
        logs.close();
        tracker.close();
    }

    private static IllegalStateException failure(String message) {
        return withFrames(new IllegalStateException(message), frame("com.acme.Orders", "load", 12));
    }

    @Test
    void captureWritesOneStructuredErrorEvent() {
        tracker.capture(failure("order 7 missing"), ErrorContext.of("method", "GET").with("path", "/orders/7")
                .with("request_id", "req-1"));

        assertThat(logs.trackedEvents()).hasSize(1);
        ILoggingEvent event = logs.trackedEvents().get(0);
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getThrowableProxy()).as("throwable not attached, so the stack trace is written once").isNull();
        Map<String, String> fields = LogCapture.keyValues(event);
        assertThat(fields).containsEntry("error", "java.lang.IllegalStateException: order 7 missing");
        assertThat(fields.get("stack_trace")).startsWith("java.lang.IllegalStateException: order 7 missing\n\tat com.acme.Orders.load(Orders.java:12)");
        assertThat(fields.get("error_fingerprint")).matches("[0-9a-f]{16}");
        assertThat(fields).containsEntry("error_count", "1");
        assertThat(fields).containsEntry("method", "GET").containsEntry("path", "/orders/7").containsEntry("request_id", "req-1");
    }

    @Test
    void occurrencesOfOneFailureShareAGroup() {
        tracker.capture(failure("order 7 missing"));
        clock.advance(java.time.Duration.ofSeconds(5));
        tracker.capture(failure("order 8 missing"));

        assertThat(tracker.groups()).hasSize(1);
        ErrorGroup group = tracker.groups().get(0);
        assertThat(group.count()).isEqualTo(2);
        assertThat(group.type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(group.firstSeen()).isEqualTo(java.time.Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(group.lastSeen()).isEqualTo(java.time.Instant.parse("2026-12-04T10:00:05Z"));
        assertThat(group.lastSample().error()).isEqualTo("java.lang.IllegalStateException: order 8 missing");
        assertThat(LogCapture.keyValues(logs.trackedEvents().get(1))).containsEntry("error_count", "2");
    }

    @Test
    void sampleKeepsMdcEntriesButEventDoesNotRepeatThem() {
        MDC.put("request_id", "from-mdc");
        try {
            tracker.capture(failure("x"));
        } finally {
            MDC.remove("request_id");
        }

        assertThat(tracker.groups().get(0).lastSample().context()).containsEntry("request_id", "from-mdc");
        assertThat(LogCapture.keyValues(logs.trackedEvents().get(0))).doesNotContainKey("request_id");
    }

    @Test
    void nullThrowableIsIgnored() {
        assertThatCode(() -> tracker.capture(null)).doesNotThrowAnyException();
        assertThat(tracker.stats().recorded()).isZero();
    }

    @Test
    void interruptFlagIsKept() {
        Thread.currentThread().interrupt();
        try {
            tracker.capture(failure("x"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(tracker.stats().recorded()).isEqualTo(1);
    }

    @Test
    void failureInsideTrackerIsCountedNotThrown() {
        RuntimeException hostile = new RuntimeException() {
            @Override
            public StackTraceElement[] getStackTrace() {
                throw new UnsupportedOperationException("stack unavailable");
            }
        };

        assertThatCode(() -> tracker.capture(hostile)).doesNotThrowAnyException();
        assertThat(tracker.stats().internalFailures()).isEqualTo(1);
    }

    @Test
    void failingGetMessageStillRecorded() {
        IllegalStateException hostile = withFrames(new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("message unavailable");
            }
        }, frame("com.acme.Orders", "load", 12));

        assertThatCode(() -> tracker.capture(hostile)).doesNotThrowAnyException();

        assertThat(tracker.stats().internalFailures()).isZero();
        assertThat(tracker.groups()).hasSize(1);
        assertThat(tracker.groups().get(0).lastSample().error())
                .endsWith(": (getMessage() failed: java.lang.UnsupportedOperationException)");
    }

    @Test
    void internalFailureWarningIsScrubbed() {
        try (ErrorTracker scrubbing = ErrorTracker.builder().name("capture-scrub").secretNames("ssn")
                .flushOnExit(false).build()) {
            RuntimeException hostile = new RuntimeException() {
                @Override
                public StackTraceElement[] getStackTrace() {
                    throw new IllegalStateException("lookup of ssn=123-45-6789 failed");
                }
            };

            scrubbing.capture(hostile);

            ILoggingEvent warning = logs.events().stream().filter(e -> e.getLevel() == Level.WARN)
                    .findFirst().orElseThrow();
            assertThat(warning.getThrowableProxy().getMessage())
                    .contains("java.lang.IllegalStateException: lookup of ssn=")
                    .doesNotContain("123-45-6789");
            assertThat(warning.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        }
    }

    @Test
    void virtualMachineErrorWhileRecordingIsRethrown() {
        RuntimeException exhausting = new RuntimeException() {
            @Override
            public StackTraceElement[] getStackTrace() {
                throw new OutOfMemoryError("simulated while reading the stack");
            }
        };

        assertThatThrownBy(() -> tracker.capture(exhausting))
                .isInstanceOf(OutOfMemoryError.class).hasMessage("simulated while reading the stack");
        assertThat(tracker.stats().internalFailures()).isEqualTo(1);
    }

    @Test
    void captureFromManyThreadsCountsEveryOccurrence() throws Exception {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    tracker.capture(failure("x"));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(tracker.groups()).singleElement().extracting(ErrorGroup::count).isEqualTo(1000L);
    }

    @Test
    void contextKeysThatCollideAreRenamedInTheEvent() {
        tracker.capture(failure("x"), ErrorContext.of("error", "from context").with("error_count", "7"));

        Map<String, String> fields = LogCapture.keyValues(logs.trackedEvents().get(0));
        assertThat(fields).containsEntry("error", "java.lang.IllegalStateException: x")
                .containsEntry("error_count", "1")
                .containsEntry("context_error", "from context")
                .containsEntry("context_error_count", "7");
    }
}
