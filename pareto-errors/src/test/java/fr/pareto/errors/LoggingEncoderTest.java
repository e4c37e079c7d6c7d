package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.logging.ParetoJsonEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The {@code error tracked} event written by pareto-logging's JSON encoder, which masks secrets a second time. */
class LoggingEncoderTest {

    private final ErrorTracker tracker = ErrorTracker.builder().name("encoder-test").flushOnExit(false).build();
    private final LogCapture logs = LogCapture.tracker();

    @AfterEach
    void close() {
        logs.close();
        tracker.close();
    }

    @Test
    void redactionMarksSurviveTheMaskingEncoder() throws Exception {
        tracker.capture(new IllegalStateException("refresh failed for /oauth?token=t0k3n&page=2, Authorization: Bearer b34rer"),
                ErrorContext.of("upstream", "https://app:pw-42@feed.example/x?sig=s1g").with("api_key", "k3y"));
        ILoggingEvent event = logs.trackedEvents().get(0);
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.start();

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        encoder.stop();

        assertThat(line).doesNotContain("t0k3n", "b34rer", "pw-42", "s1g", "k3y", "***]", "[REDACTED]");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("error").asText()).contains("?token=***&page=2");
        assertThat(json.get("upstream").asText()).isEqualTo("https://app:***@feed.example/x?sig=***");
        assertThat(json.get("api_key").asText()).isEqualTo("***");
        assertThat(json.get("stack_trace").asText()).contains("?token=***&page=2");
    }
}
