package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.logging.test.LogCapture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder running out of stack: once for a value that sends it into endless recursion, and
 * once on a thread whose stack is almost used up, as in code that catches a
 * {@link StackOverflowError} and logs it. The encoder may then write its minimal fallback line,
 * but every line, and the next event on that thread in particular, must still be one valid JSON
 * object.
 */
class LoggingNearStackLimitTest {

    private static final Logger LOG = LoggerFactory.getLogger("fr.pareto.reliability.stack");

    @Test
    void byteArrayValueIsWrittenAsBase64() {
        List<String> lines;
        try (LogCapture capture = LogCapture.start()) {
            LOG.atInfo().addKeyValue("payload", new byte[] {0, -1, 127, -128}).log("binary value");
            LOG.atInfo().addKeyValue("k", "plain").log("next event");
            lines = capture.lines();
        }

        Transcript.addAll(Transcript.Kind.LOG_LINE, lines);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            StrictJson.parse("log line", line);
        }
        assertThat(StrictJson.parse("log line", lines.get(0)).has("encoding_error")).isFalse();
        assertThat(StrictJson.parse("log line", lines.get(0)).path("payload").asText()).isEqualTo("AP9/gA==");
    }

    @Test
    void eventAfterAnEncoderStackOverflowIsStillValidJson() throws Exception {
        List<Throwable> escaped = new ArrayList<>();
        List<String> lines;
        try (LogCapture capture = LogCapture.start()) {
            Thread thread = new Thread(null, () -> {
                for (int depth = 0; ; depth++) {
                    try {
                        descend(depth, escaped);
                    } catch (StackOverflowError endOfStack) {
                        // The recursion itself reached the end of the stack: every depth is covered.
                        break;
                    }
                    LOG.atInfo().addKeyValue("depth", depth).log("after the deep event");
                }
            }, "near-stack-limit", 128 * 1024);
            thread.start();
            thread.join();
            lines = capture.lines();
        }

        Transcript.addAll(Transcript.Kind.LOG_LINE, lines);
        Figures.add("logging.near_stack_limit_lines", lines.size());
        // A StackOverflowError may leave the logging call when SLF4J or Logback, not the encoder,
        // exhausts the stack. No line exists to check then, so such errors are only counted.
        Figures.set("logging.near_stack_limit_errors_escaped", escaped.size());
        assertThat(lines).hasSizeGreaterThan(20);
        for (String line : lines) {
            StrictJson.parse("log line", line);
        }
    }

    private static void descend(int depth, List<Throwable> escaped) {
        if (depth > 0) {
            descend(depth - 1, escaped);
            return;
        }
        try {
            LOG.atInfo().addKeyValue("values", Arrays.asList(false, 1.0, "text", null)).log("deep event");
        } catch (Throwable e) {
            escaped.add(e);
        }
    }
}
