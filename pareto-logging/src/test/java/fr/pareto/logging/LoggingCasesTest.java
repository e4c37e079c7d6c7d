package fr.pareto.logging;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Inputs that must never break a JSON line. */
class LoggingCasesTest {

    private static final Logger log = LoggerFactory.getLogger(LoggingCasesTest.class);
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void keyValueNamedMessageIsRenamed() throws IOException {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("message", "from kv").addKeyValue("time", "noon").addKeyValue("level", "high")
                    .log("the real message");

            CapturedEvent event = logs.events().get(0);
            assertThat(event).hasMessage("the real message")
                    .hasField("fields.message", "from kv")
                    .hasField("fields.time", "noon")
                    .hasField("fields.level", "high")
                    .hasLevel("info");
            assertThat(countKeys(event.json(), "message")).isEqualTo(1);
            assertThat(countKeys(event.json(), "time")).isEqualTo(1);
            assertThat(countKeys(event.json(), "level")).isEqualTo(1);
        }
    }

    @Test
    void repeatedKeyValueGetsNumberedName() {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("status", 1).addKeyValue("status", 2).addKeyValue("status", 3).log("three");

            assertThat(logs).hasEvent("three")
                    .hasField("status", 1)
                    .hasField("fields.status", 2)
                    .hasField("fields.status_2", 3);
        }
    }

    @Test
    void mdcNamedErrorKeepsExceptionSummary() {
        MDC.put("error", "demo");
        try (LogCapture logs = LogCapture.start()) {
            log.error("failed", new IllegalStateException("disk full"));

            assertThat(logs).hasEvent("failed")
                    .hasLevel("error")
                    .hasField("error", "java.lang.IllegalStateException: disk full")
                    .hasField("mdc.error", "demo")
                    .hasFieldContaining("stack_trace", "IllegalStateException");
        }
    }

    @Test
    void errorPairWithoutThrowableKeepsItsName() throws IOException {
        try (LogCapture logs = LogCapture.start()) {
            log.atError().addKeyValue("error", "connection refused").addKeyValue("stack_trace", "none").log("dial failed");

            CapturedEvent event = logs.events().get(0);
            assertThat(event).hasField("error", "connection refused").hasField("stack_trace", "none");
            assertThat(event.has("fields.error")).isFalse();
            assertThat(countKeys(event.json(), "error")).isEqualTo(1);
        }
    }

    @Test
    void errorPairBesideThrowableIsRenamed() {
        try (LogCapture logs = LogCapture.start()) {
            log.atError().addKeyValue("error", "from kv").setCause(new IllegalStateException("boom")).log("failed");

            assertThat(logs).hasEvent("failed")
                    .hasField("error", "java.lang.IllegalStateException: boom")
                    .hasField("fields.error", "from kv");
        }
    }

    @Test
    void timeWrittenOnceWhateverTheInput() throws IOException {
        MDC.put("time", "mdc-time");
        try (LogCapture logs = LogCapture.start(encoder -> encoder.setTimeFormat("unix_seconds"))) {
            log.atWarn().addKeyValue("time", 1).log("time clash");
            ScraperEvents.of(log).scrapeFailed("fnac", "https://fnac.example/p/1", new RuntimeException("boom"));
            ApiEvents.of(log).requestHandled("GET", "/x", 200, java.time.Duration.ofMillis(3));

            for (CapturedEvent event : logs.events()) {
                assertThat(countKeys(event.json(), "time")).as(event.json()).isEqualTo(1);
                assertThat(event.field("time")).get().isInstanceOf(Number.class);
            }
            assertThat(logs.events()).hasSize(3);
        }
    }

    @Test
    void maskingCoversMessageAndStackTrace() {
        String key = "0123456789abcdef0123456789abcdef0123";
        try (LogCapture logs = LogCapture.start()) {
            log.error("calling https://api.example/v1?apikey=" + key + "&q=tv",
                    new IllegalArgumentException("rejected apikey=" + key));

            CapturedEvent event = logs.events().get(0);
            assertThat(event).doesNotContain(key)
                    .hasField("message", "calling https://api.example/v1?apikey=***&q=tv")
                    .hasField("error", "java.lang.IllegalArgumentException: rejected apikey=***")
                    .hasFieldContaining("stack_trace", "rejected apikey=***");
        }
    }

    @Test
    void throwableAsLastArgumentGoesToError() {
        try (LogCapture logs = LogCapture.start()) {
            log.warn("Problem processing {}: {}", "item-7", new IllegalStateException("bad item"));

            assertThat(logs).hasEvent("Problem processing item-7: {}")
                    .hasField("error", "java.lang.IllegalStateException: bad item")
                    .hasFieldContaining("stack_trace", "bad item");
        }
    }

    @Test
    void throwableAsKeyValueIsItsSummary() {
        try (LogCapture logs = LogCapture.start()) {
            log.atWarn().addKeyValue("cause", new IllegalStateException("nested")).log("with cause");

            assertThat(logs).hasEvent("with cause")
                    .hasField("cause", "java.lang.IllegalStateException: nested")
                    .doesNotHaveField("error")
                    .doesNotContain("stackTrace");
        }
    }

    @Test
    void longLineCutStaysValid() {
        String message = "x".repeat(100 * 1024);
        Throwable deep = deepThrowable(5_000);
        try (LogCapture logs = LogCapture.start()) {
            log.atError().addKeyValue("retailer", "fnac").setCause(deep).log(message);

            String line = logs.lines().get(0);
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1)
                    .isLessThanOrEqualTo(ParetoJsonEncoder.DEFAULT_MAX_LINE_BYTES);
            assertThat(logs).hasEvent(logs.events().get(0).message())
                    .hasField("retailer", "fnac")
                    .hasField("level", "error")
                    .hasField("logger", LoggingCasesTest.class.getName())
                    .hasField("error", "java.lang.IllegalStateException: frame 0")
                    .hasField("stack_trace");
            assertThat(logs.events().get(0).message()).startsWith("xxxx").contains("...[truncated ");
        }
    }

    @Test
    void maxLineBytesIsConfigurable() {
        try (LogCapture logs = LogCapture.start(encoder -> encoder.setMaxLineBytes(2048))) {
            log.info("y".repeat(10_000));

            String line = logs.lines().get(0);
            assertThat(line.length() + 1).isLessThanOrEqualTo(2048);
            assertThat(logs.events().get(0).message()).endsWith("chars]");
        }
    }

    @Test
    void charactersStayValidUtf8Json() throws IOException {
        String text = "中文 © 😀 line\nbreak back\\nslash quote\" tab\t nul\u0000 lone\uD800 end";
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("text", text).log(text);

            String line = logs.lines().get(0);
            assertThat(line).contains("中文 © 😀").doesNotContain("\\u4e2d").doesNotContain("\\ud83d");
            assertThat(line).contains("line\\nbreak").contains("back\\\\nslash");
            assertThat(line).contains("quote\\\"").contains("tab\\t").contains("nul\\u0000");
            JsonNode parsed = STRICT.readTree(line);
            assertThat(parsed.get("message").asText())
                    .isEqualTo("中文 © 😀 line\nbreak back\\nslash quote\" tab\t nul\u0000 lone\uFFFD end");
            assertThat(parsed.get("text").asText()).isEqualTo(parsed.get("message").asText());
        }
    }

    @Test
    void nonFiniteNumbersAreStrings() throws IOException {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue("nan", Double.NaN)
                    .addKeyValue("plus", Double.POSITIVE_INFINITY)
                    .addKeyValue("minus", Double.NEGATIVE_INFINITY)
                    .addKeyValue("nested", Map.of("ratio", Float.NaN))
                    .log("numbers");

            assertThat(logs).hasEvent("numbers")
                    .hasField("nan", "NaN")
                    .hasField("plus", "Infinity")
                    .hasField("minus", "-Infinity")
                    .hasField("nested", Map.of("ratio", "NaN"));
        }
    }

    @Test
    void everyEventIsOneLineWithLevel() {
        try (LogCapture logs = LogCapture.start()) {
            log.error("multi\nline\r\nmessage", new RuntimeException("first\nsecond", new IllegalStateException("cause")));
            log.info("plain");

            assertThat(logs.lines()).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r"));
            for (CapturedEvent event : logs.events()) {
                assertThat(event.has("level")).isTrue();
            }
            assertThat(logs.events().get(0).string("stack_trace")).get().asString().contains("Caused by");
        }
    }

    private static Throwable deepThrowable(int frames) {
        StackTraceElement[] trace = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            trace[i] = new StackTraceElement("com.example.deep.Recursion", "call" + i, "Recursion.java", i + 1);
        }
        IllegalStateException error = new IllegalStateException("frame 0");
        error.setStackTrace(trace);
        return error;
    }

    /** Counts the top-level occurrences of a key, reading the raw tokens so duplicates are seen. */
    private static int countKeys(String json, String key) throws IOException {
        int count = 0;
        JsonNode ignored = null;
        try (JsonParser parser = new ObjectMapper().getFactory().createParser(json)) {
            int depth = 0;
            while (parser.nextToken() != null) {
                switch (parser.currentToken()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (depth == 1 && parser.currentName().equals(key)) {
                            count++;
                        }
                    }
                    default -> { }
                }
            }
        }
        return count + (ignored == null ? 0 : 0);
    }

    @SuppressWarnings("unused")
    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
