package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.logging.test.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Proves that the canary scan can fail: a canary that reaches an output, in a form the
 * libraries do not mask, is found. These texts are scanned with {@link Canaries#find} directly,
 * never through the {@link Transcript}, so the planted leaks do not fail the suite.
 */
class CanaryScanSelfTest {

    @Test
    void canaryInCapturedLogLineIsFound() {
        List<String> lines;
        try (LogCapture capture = LogCapture.start()) {
            // No secret-like name precedes the value, so the encoder has no reason to mask it.
            LoggerFactory.getLogger("fr.pareto.reliability.selftest").info("planted leak {}", Canaries.DB_PASSWORD);
            lines = capture.lines();
        }

        assertThat(lines).hasSize(1);
        assertThat(Canaries.find("log line", lines.get(0)))
                .extracting(Canaries.Finding::canary)
                .containsExactly("database password");
    }

    @Test
    void everyCanaryIsFoundInsideJson() {
        for (var canary : Canaries.ALL.entrySet()) {
            String payload = "{\"embeds\":[{\"description\":\"token \\\"" + canary.getValue() + "\\\" leaked\"}]}";

            assertThat(Canaries.find("alert payload", payload))
                    .singleElement()
                    .satisfies(finding -> assertThat(finding.canary()).isEqualTo(canary.getKey()))
                    .satisfies(finding -> assertThat(finding.excerpt()).contains(canary.getValue()));
        }
    }

    @Test
    void textWithoutCanaryHasNoFinding() {
        assertThat(Canaries.find("health body", "{\"status\":\"ok\",\"checks\":{\"database\":\"ok\"}}")).isEmpty();
        assertThat(Canaries.find("log line", null)).isEmpty();
    }

    @Test
    void canaryInExceptionCauseIsFound() {
        IllegalStateException wrapper = new IllegalStateException("wrapper",
                new IllegalArgumentException("bad URL https://u:" + Canaries.URL_PASSWORD + "@host"));

        assertThat(Canaries.find("exception message", wrapper.getCause().toString()))
                .extracting(Canaries.Finding::canary)
                .containsExactly("url password");
    }
}
