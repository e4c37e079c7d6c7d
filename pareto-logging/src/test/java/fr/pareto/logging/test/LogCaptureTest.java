package fr.pareto.logging.test;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    private static final Logger log = LoggerFactory.getLogger(LogCaptureTest.class);

    @Test
    void capturesEventsFromOtherThreads() throws InterruptedException {
        try (LogCapture logs = LogCapture.start()) {
            Thread worker = new Thread(() -> log.info("from worker"), "capture-worker");
            worker.start();
            worker.join();

            assertThat(logs).hasEvent("from worker").hasField("thread", "capture-worker");
        }
    }

    @Test
    void stopsCapturingWhenClosed() {
        LogCapture logs = LogCapture.start();
        log.info("inside");
        logs.close();
        log.info("outside");

        assertThat(logs).hasSize(1).hasNoEvent("outside");
    }

    @Test
    void duringReturnsParsedEvents() {
        List<CapturedEvent> events = LogCapture.during(() -> log.atInfo().addKeyValue("n", 3).log("counted"));

        assertThat(events).hasSize(1);
        assertThat(events.get(0).field("n")).contains(3);
        assertThat(events.get(0).message()).isEqualTo("counted");
        assertThat(events.get(0).level()).isEqualTo("info");
        assertThat(events.get(0).logger()).isEqualTo(LogCaptureTest.class.getName());
    }

    @Test
    void numbersCompareByValue() {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("big", 5_000_000_000L).addKeyValue("ratio", 0.5).log("numbers");

            assertThat(logs).hasEvent("numbers").hasField("big", 5_000_000_000L).hasField("ratio", 0.50);
        }
    }

    @Test
    void failuresNameExpectedActualAndLine() {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("status", 500).log("request handled");
            log.info("other");

            assertThatThrownBy(() -> assertThat(logs).hasEvent("request handled").hasField("status", 200))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Expected field 'status' to be 200 but was 500 in {");
            assertThatThrownBy(() -> assertThat(logs).hasEvent("missing"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected exactly one event with message 'missing' but found 0; "
                            + "captured messages: [request handled, other]");
            assertThatThrownBy(() -> assertThat(logs).hasEvent("other").doesNotHaveField("thread"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Expected no field 'thread' but it is ");
        }
    }

    @Test
    void repeatedKeyOrBrokenLineFailsTheTest() {
        assertThatThrownBy(() -> LogCapture.parse("{\"message\":\"a\",\"message\":\"b\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("without repeated keys");
        assertThatThrownBy(() -> LogCapture.parse("{\"message\":"))
                .isInstanceOf(AssertionError.class);
        assertThat(LogCapture.parse("{\"a\":{\"b\":[1,2]}}").fields()).isEqualTo(Map.of("a", Map.of("b", List.of(1, 2))));
    }

    @Test
    void encoderSettingsApplyToTheCapture() {
        try (LogCapture logs = LogCapture.start(encoder -> encoder.setProfile("logstash"))) {
            log.info("elk");

            assertThat(logs.events().get(0)).hasField("@timestamp").hasField("level", "INFO");
        }
    }
}
