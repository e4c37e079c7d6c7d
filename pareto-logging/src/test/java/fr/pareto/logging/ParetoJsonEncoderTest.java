package fr.pareto.logging;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class ParetoJsonEncoderTest {

    private static final Logger log = LoggerFactory.getLogger(ParetoJsonEncoderTest.class);

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void defaultSchemaFieldsInOrder() {
        MDC.put("request_id", "r-1");
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("retailer", "fnac").log("hello {}", "world");

            CapturedEvent event = logs.events().get(0);
            assertThat(event.fields().keySet())
                    .containsExactly("time", "level", "message", "logger", "thread", "retailer", "request_id");
            assertThat(event.string("time")).get().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(event).hasLevel("info").hasMessage("hello world")
                    .hasField("thread", Thread.currentThread().getName());
        }
    }

    @Test
    void logstashProfileUsesItsNames() {
        try (LogCapture logs = LogCapture.start(encoder -> encoder.setProfile("logstash"))) {
            log.warn("careful");

            CapturedEvent event = logs.events().get(0);
            assertThat(event).hasField("@timestamp").hasField("@version", "1").hasField("level", "WARN")
                    .hasField("level_value", 30000).hasField("logger_name", ParetoJsonEncoderTest.class.getName())
                    .hasField("thread_name").doesNotHaveField("time").doesNotHaveField("logger");
        }
    }

    @Test
    void unixTimeFormatsAreNumbers() {
        long before = System.currentTimeMillis();
        try (LogCapture seconds = LogCapture.start(encoder -> encoder.setTimeFormat("unix_seconds"));
                LogCapture millis = LogCapture.start(encoder -> encoder.setTimeFormat("UNIX-MILLIS"))) {
            log.info("tick");
            long after = System.currentTimeMillis();

            long secondsValue = ((Number) seconds.events().get(0).field("time").orElseThrow()).longValue();
            long millisValue = ((Number) millis.events().get(0).field("time").orElseThrow()).longValue();
            assertThat(secondsValue).isBetween(before / 1000, after / 1000);
            assertThat(millisValue).isBetween(before, after);
        }
    }

    @Test
    void secretFieldsAreMaskedAtAnyDepth() {
        MDC.put("authorization", "Bearer abc");
        try (LogCapture logs = LogCapture.start(encoder -> encoder.addMaskedName("pin"))) {
            log.atInfo()
                    .addKeyValue("api_key", "k-123")
                    .addKeyValue("card_pin", 1234)
                    .addKeyValue("user", Map.of("name", "ana", "password", "hunter2", "tokens", List.of("a", "b")))
                    .addKeyValue("url", "https://shop.example/cb?signature=abc&id=3")
                    .log("login");

            assertThat(logs).hasEvent("login")
                    .hasField("api_key", "***")
                    .hasField("card_pin", "***")
                    .hasField("authorization", "***")
                    .hasField("user", Map.of("name", "ana", "password", "***", "tokens", "***"))
                    .hasField("url", "https://shop.example/cb?signature=***&id=3")
                    .doesNotContain("hunter2")
                    .doesNotContain("k-123");
        }
    }

    @Test
    void sessionAndSigFieldsAreMasked() {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo()
                    .addKeyValue("session", "s-1")
                    .addKeyValue("x_session", "s-2")
                    .addKeyValue("sig", "s-3")
                    .addKeyValue("author", "ana")
                    .addKeyValue("start", "healthToken=(none)")
                    .log("callback");

            assertThat(logs).hasEvent("callback")
                    .hasField("session", "***")
                    .hasField("x_session", "***")
                    .hasField("sig", "***")
                    .hasField("author", "ana")
                    .hasField("start", "healthToken=(none)")
                    .doesNotContain("s-1")
                    .doesNotContain("s-2")
                    .doesNotContain("s-3");
        }
    }

    @Test
    void maskPatternCoversOtherSecrets() {
        try (LogCapture logs = LogCapture.start(encoder -> encoder.addMaskPattern("eyJ[A-Za-z0-9_.-]+"))) {
            log.info("got jwt eyJhbGciOiJIUzI1NiJ9.e30.sig from header");

            assertThat(logs).hasEvent("got jwt *** from header");
        }
    }

    @Test
    void structuredArgumentsAndMarkersAreFieldsToo() {
        try (LogCapture logs = LogCapture.start()) {
            log.info(Markers.append("channel", "web"), "order {} placed", kv("order_id", "o-9"), kv("message", "dup"));

            assertThat(logs).hasEvent("order order_id=o-9 placed")
                    .hasField("order_id", "o-9")
                    .hasField("fields.message", "dup")
                    .hasField("channel", "web");
        }
    }

    @Test
    void unserializableValueFallsBackToText() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }

            @SuppressWarnings("unused")
            public String getValue() {
                throw new IllegalStateException("no value");
            }
        };
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("thing", broken).addKeyValue("after", 1).log("odd value");

            assertThat(logs).hasEvent("odd value")
                    .hasFieldContaining("thing", "toString failed: java.lang.IllegalStateException")
                    .hasField("after", 1);
        }
    }

    @Test
    void valueThatLogsWhileEncodedKeepsBothLines() {
        CharSequence chatty = new CharSequence() {
            @Override
            public int length() {
                return 6;
            }

            @Override
            public char charAt(int index) {
                return "chatty".charAt(index);
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return "chatty".subSequence(start, end);
            }

            @Override
            public String toString() {
                log.atWarn().addKeyValue("inner", 1).log("rendering chatty value");
                return "chatty";
            }
        };
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("chatty", chatty).addKeyValue("after", 2).log("outer");

            assertThat(logs).hasEvent("outer").hasField("chatty", "chatty").hasField("after", 2)
                    .doesNotHaveField("inner");
            assertThat(logs).hasEvent("rendering chatty value").hasLevel("warn").hasField("inner", 1)
                    .doesNotHaveField("after");
        }
    }

    @Test
    void failingEventBecomesMinimalLine() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("broken"), Level.ERROR,
                "token=abc lost?", null, null) {
            @Override
            public String getThreadName() {
                throw new IllegalStateException("thread name unavailable");
            }
        };

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("abc");
        assertThat(line).contains("\"message\":\"token=*** lost?\"", "\"level\":\"error\"", "\"logger\":\"broken\"",
                "\"encoding_error\":\"java.lang.IllegalStateException: thread name unavailable\"");
    }

    @Test
    void encoderKeepsWorkingAfterFailedEvent() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        LoggingEvent failing = new LoggingEvent("fqcn", context.getLogger("x"), Level.INFO, "one", null, null) {
            @Override
            public String getThreadName() {
                throw new IllegalStateException("boom");
            }
        };
        LoggingEvent fine = new LoggingEvent("fqcn", context.getLogger("x"), Level.INFO, "two", null, null);

        encoder.encode(failing);
        String line = new String(encoder.encode(fine), StandardCharsets.UTF_8);

        assertThat(line).startsWith("{\"time\":").contains("\"message\":\"two\"").doesNotContain("encoding_error");
    }

    @Test
    void invalidSettingsNameTheValue() {
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();

        assertThatThrownBy(() -> encoder.setProfile("elk")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid profile 'elk': use default or logstash");
        assertThatThrownBy(() -> encoder.setTimeFormat("iso")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid time format 'iso': use rfc3339 (the default), unix_seconds or unix_millis");
        assertThatThrownBy(() -> encoder.setMaxLineBytes(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid maxLineBytes 100: use 1024 to 16777216");
        assertThatThrownBy(() -> encoder.addMaskPattern("(")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid mask pattern '(':");
    }

    @Test
    void settingsAfterStartAreRejected() {
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(new LoggerContext());
        encoder.start();

        assertThatThrownBy(() -> encoder.setProfile("logstash")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }
}
