package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import fr.pareto.errors.logback.ErrorTrackingAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeduplicationTest {

    private final FakeClock clock = FakeClock.atEpochDay();
    private final ErrorTracker tracker = ErrorTracker.builder().name("dedup-test").clock(clock)
            .deduplication(Duration.ofSeconds(30), 64).flushOnExit(false).build();

    @AfterEach
    void close() {
        tracker.close();
    }

    @Test
    void loggedCapturedWrappedIsOneOccurrence() {
        org.slf4j.Logger log = LoggerFactory.getLogger("com.acme.Payments");
        ErrorTrackingAppender appender = ErrorTrackingAppender.attachToRoot(tracker);
        try {
            IllegalStateException e = new IllegalStateException("card declined");

            log.error("x", e);
            tracker.capture(e);
            tracker.capture(new RuntimeException("wrap", e));
        } finally {
            detach(appender);
        }

        assertThat(tracker.stats().recorded()).isEqualTo(1);
        assertThat(tracker.stats().duplicates()).isEqualTo(2);
        assertThat(tracker.groups()).singleElement().satisfies(group -> {
            assertThat(group.count()).isEqualTo(1);
            assertThat(group.lastSample().context()).containsEntry("logger", "com.acme.Payments").containsEntry("log_message", "x");
        });
    }

    @Test
    void wrapperFirstThenCauseIsOneOccurrence() {
        IllegalStateException cause = new IllegalStateException("disk full");

        tracker.capture(new RuntimeException("save failed", cause));
        tracker.capture(cause);

        assertThat(tracker.stats().recorded()).isEqualTo(1);
    }

    @Test
    void suppressedExceptionCapturedLaterIsADuplicate() {
        IllegalStateException primary = new IllegalStateException("write failed");
        IllegalStateException closing = new IllegalStateException("close failed");
        primary.addSuppressed(closing);

        tracker.capture(primary);
        tracker.capture(closing);

        assertThat(tracker.stats().recorded()).isEqualTo(1);
    }

    @Test
    void distinctInstancesOfOneFailureAreSeparateOccurrences() {
        tracker.capture(new IllegalStateException("a"));
        tracker.capture(new IllegalStateException("a"));

        assertThat(tracker.stats().recorded()).isEqualTo(2);
        assertThat(tracker.stats().duplicates()).isZero();
    }

    @Test
    void sameInstanceAfterTheWindowCountsAgain() {
        IllegalStateException e = new IllegalStateException("retry failed");

        tracker.capture(e);
        clock.advance(Duration.ofSeconds(31));
        tracker.capture(e);

        assertThat(tracker.stats().recorded()).isEqualTo(2);
    }

    @Test
    void rememberedThrowablesAreBoundedByCapacity() {
        IllegalStateException first = new IllegalStateException("first");
        tracker.capture(first);
        for (int i = 0; i < 64; i++) {
            tracker.capture(new IllegalStateException("filler " + i));
        }

        tracker.capture(first);

        assertThat(tracker.stats().recorded()).as("the first capture was forgotten").isEqualTo(66);
    }

    @Test
    void appenderSkipsEventsBelowErrorAndTheTrackersOwnLogger() {
        ErrorTrackingAppender appender = ErrorTrackingAppender.attachToRoot(tracker);
        try {
            LoggerFactory.getLogger("com.acme.Jobs").warn("retrying", new IllegalStateException("warn only"));
            LoggerFactory.getLogger(ErrorTracker.LOGGER_NAME).error("own", new IllegalStateException("own logger"));
            LoggerFactory.getLogger("com.acme.Jobs").error("no throwable");
        } finally {
            detach(appender);
        }

        assertThat(tracker.stats().recorded()).isZero();
    }

    @Test
    void appenderFindsTrackerByName() {
        ErrorTrackingAppender appender = new ErrorTrackingAppender();
        appender.setTracker("dedup-test");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        try {
            LoggerFactory.getLogger("com.acme.Jobs").error("job failed", new IllegalStateException("boom"));
            appender.setTracker("no-such-tracker");
            LoggerFactory.getLogger("com.acme.Jobs").error("job failed", new IllegalStateException("boom"));
        } finally {
            detach(appender);
        }

        assertThat(tracker.stats().recorded()).isEqualTo(1);
        assertThat(appender.skippedWithoutTracker()).isEqualTo(1);
    }

    private static void detach(ErrorTrackingAppender appender) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
    }
}
