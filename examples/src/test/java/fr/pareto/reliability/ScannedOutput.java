package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import fr.pareto.logging.test.LogCapture;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A JUnit extension that captures every log event of each test as a JSON line (through
 * pareto-logging's {@link LogCapture}), checks that each line is one valid JSON object without
 * repeated keys, and scans the lines and Logback's status messages for {@link Canaries}. The
 * test fails when a canary shows up anywhere the {@link Transcript} saw during the test, so
 * tests that plant canaries only need to feed their other outputs (bodies, payloads, exception
 * messages) to it.
 *
 * <p>Tests run one at a time in this suite, so the current capture is a static field.
 */
final class ScannedOutput implements BeforeEachCallback, AfterEachCallback {

    private static volatile LogCapture current;
    private long startMillis;
    private int findingsBefore;

    /** Returns the capture of the running test. */
    static LogCapture capture() {
        LogCapture capture = current;
        if (capture == null) {
            throw new IllegalStateException("No capture: annotate the test class with @ExtendWith(ScannedOutput.class)");
        }
        return capture;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startMillis = System.currentTimeMillis();
        findingsBefore = Transcript.findings().size();
        current = LogCapture.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LogCapture capture = current;
        current = null;
        capture.close();
        List<String> lines = capture.lines();
        for (String line : lines) {
            StrictJson.parse("log line", line);
        }
        Transcript.addAll(Transcript.Kind.LOG_LINE, lines);
        Figures.add("logging.lines_parsed_in_process", lines.size());
        scanLogbackStatus();
        Transcript.publish();
        List<Canaries.Finding> findings = Transcript.findings();
        assertThat(findings.subList(findingsBefore, findings.size())).as("canaries found in this test's output").isEmpty();
    }

    private void scanLogbackStatus() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Status status : logback.getStatusManager().getCopyOfStatusList()) {
            if (status.getTimestamp() >= startMillis) {
                Transcript.add(Transcript.Kind.LOGBACK_STATUS, status.getMessage());
                if (status.getThrowable() != null) {
                    Transcript.addException(status.getThrowable());
                }
            }
        }
    }
}
