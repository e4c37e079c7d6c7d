package fr.pareto.logging;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.logstash.logback.marker.LogstashMarker;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Inputs that push the encoder to its limits: multi-byte overflow, cycles, an exhausted stack. */
class EncoderRobustnessTest {

    private static final Logger log = LoggerFactory.getLogger(EncoderRobustnessTest.class);

    @Test
    void longMultiByteErrorKeepsHelperFields() {
        String chinese = "错误".repeat(8_000);
        try (LogCapture logs = LogCapture.start()) {
            ScraperEvents.of(log).scrapeFailed("fnac", "https://fnac.example/" + chinese, new IllegalStateException(chinese));

            CapturedEvent event = logs.events().get(0);
            assertThat(logs.lines().get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1)
                    .isLessThanOrEqualTo(ParetoJsonEncoder.DEFAULT_MAX_LINE_BYTES);
            assertThat(event).hasField("module", "scraper").hasField("retailer", "fnac").hasField("stack_trace")
                    .hasFieldContaining("error", "...[truncated ").doesNotHaveField("encoding_error");
        }
    }

    @Test
    void selfContainingListIsWrittenAsText() {
        List<Object> self = new ArrayList<>();
        self.add(self);
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("values", List.of(self)).log("cyclic value");
            log.atInfo().addKeyValue("k", "plain").log("next event");

            assertThat(logs).hasSize(2);
            assertThat(logs).hasEvent("cyclic value").hasField("values").doesNotHaveField("encoding_error");
            assertThat(logs).hasEvent("next event").hasField("k", "plain");
        }
    }

    @Test
    void eventAfterStackOverflowIsValid() throws InterruptedException {
        AtomicInteger logged = new AtomicInteger();
        try (LogCapture logs = LogCapture.start()) {
            Thread thread = new Thread(null, () -> {
                for (int depth = 0; depth < 100_000; depth++) {
                    try {
                        descend(depth);
                    } catch (StackOverflowError endOfStack) {
                        break;
                    }
                    log.atInfo().addKeyValue("depth", depth).log("after the deep event");
                    logged.incrementAndGet();
                }
            }, "near-stack-limit", 128 * 1024);
            thread.start();
            thread.join(Duration.ofMinutes(2).toMillis());

            // Every captured line parses (LogCapture rejects invalid JSON) and one follows each deep call.
            List<CapturedEvent> events = logs.events();
            assertThat(events).hasSizeGreaterThan(20);
            assertThat(logs.events("after the deep event")).hasSize(logged.get());
        }
    }

    @Test
    void stackOverflowHalfwayLeavesNoPartialOutput() {
        LogstashMarker exploding = new LogstashMarker("EXPLODING") {
            @Override
            public void writeTo(JsonGenerator generator) throws IOException {
                generator.writeFieldName("partial");
                generator.writeStartArray();
                generator.writeString("half written");
                throw new StackOverflowError("simulated");
            }
        };
        try (LogCapture logs = LogCapture.start()) {
            log.info(exploding, "first");
            log.info("second");

            assertThat(logs).hasSize(2);
            assertThat(logs).hasEvent("first").hasFieldContaining("encoding_error", "stack overflow");
            assertThat(logs).hasEvent("second").doesNotContain("half written").doesNotHaveField("encoding_error");
        }
    }

    /** Recurses {@code depth} frames, then logs an event with a nested value. */
    private static void descend(int depth) {
        if (depth > 0) {
            descend(depth - 1);
            return;
        }
        try {
            log.atInfo().addKeyValue("values", java.util.Arrays.asList(false, 1.0, "text", null)).log("deep event");
        } catch (StackOverflowError escapedBeforeTheEncoder) {
            // Logback or SLF4J ran out of stack before the encoder caught anything: the JVM's verdict.
        }
    }
}
