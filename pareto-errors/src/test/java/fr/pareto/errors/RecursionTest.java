package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RecursionTest {

    /** A backend appender that, like a careless integration, captures every event it sees. */
    private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        private final ErrorTracker tracker;
        final AtomicInteger seen = new AtomicInteger();

        CapturingAppender(ErrorTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        protected void append(ILoggingEvent event) {
            seen.incrementAndGet();
            tracker.capture(new IllegalStateException("raised while logging: " + event.getMessage()));
        }
    }

    @Test
    void whatTheTrackerLogsNeverReentersIt() {
        Logger trackerLogger = (Logger) LoggerFactory.getLogger(ErrorTracker.LOGGER_NAME);
        try (ErrorTracker tracker = ErrorTracker.builder().name("recursion-test").flushOnExit(false).build()) {
            CapturingAppender appender = new CapturingAppender(tracker);
            appender.setContext(trackerLogger.getLoggerContext());
            appender.start();
            trackerLogger.addAppender(appender);
            try {
                tracker.capture(new IllegalArgumentException("the only real failure"));
            } finally {
                trackerLogger.detachAppender(appender);
            }

            assertThat(appender.seen.get()).as("the tracked event reached the backend").isEqualTo(1);
            assertThat(tracker.stats().recorded()).isEqualTo(1);
            assertThat(tracker.groups()).singleElement().extracting(ErrorGroup::type)
                    .isEqualTo("java.lang.IllegalArgumentException");
        }
    }

    @Test
    void listenerThatCapturesDoesNotLoop() {
        AtomicInteger calls = new AtomicInteger();
        ErrorTracker[] holder = new ErrorTracker[1];
        try (ErrorTracker tracker = ErrorTracker.builder().name("recursion-listener").flushOnExit(false)
                .listener(new ErrorListener() {
                    @Override
                    public void onNewGroup(ErrorGroup group) {
                        calls.incrementAndGet();
                        holder[0].capture(new IllegalStateException("from listener " + calls.get()));
                    }
                }).build()) {
            holder[0] = tracker;
            tracker.capture(new IllegalArgumentException("first"));

            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(calls.get()).isEqualTo(1));
            tracker.close();
            assertThat(calls.get()).isEqualTo(1);
            assertThat(tracker.stats().recorded()).isEqualTo(1);
        }
    }
}
