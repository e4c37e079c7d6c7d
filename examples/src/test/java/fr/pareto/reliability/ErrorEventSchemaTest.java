package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code error tracked} event of pareto-errors written through pareto-logging's encoder,
 * as a service that uses both gets it: {@code error} and {@code stack_trace} must be the
 * schema's top-level fields, so one Loki query finds tracked errors and logged ones alike.
 */
class ErrorEventSchemaTest {

    @Test
    void trackedErrorUsesTheSchemaFieldNames() {
        List<CapturedEvent> events;
        try (ErrorTracker tracker = ErrorTracker.builder().name("schema").flushOnExit(false).build();
                LogCapture capture = LogCapture.start()) {
            tracker.capture(new IllegalStateException("stock service unavailable"), ErrorContext.of("path", "/api/products"));
            events = capture.events(ErrorTrackerMessages.TRACKED);
        }

        assertThat(events).hasSize(1);
        CapturedEvent event = events.get(0);
        assertThat(event.string("error")).hasValue("java.lang.IllegalStateException: stock service unavailable");
        assertThat(event.string("stack_trace")).hasValueSatisfying(trace -> assertThat(trace).contains("IllegalStateException"));
        assertThat(event.has("fields.error")).isFalse();
        assertThat(event.has("fields.stack_trace")).isFalse();
        assertThat(event.string("error_fingerprint")).isPresent();
        assertThat(event.string("path")).hasValue("/api/products");
    }

    /** Messages of the tracker's events. */
    private static final class ErrorTrackerMessages {
        static final String TRACKED = "error tracked";
    }
}
