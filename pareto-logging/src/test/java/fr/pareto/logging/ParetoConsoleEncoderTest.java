package fr.pareto.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class ParetoConsoleEncoderTest {

    private final LoggerContext context = newContext();

    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    private String encode(String color, LoggingEvent event) {
        ParetoConsoleEncoder encoder = new ParetoConsoleEncoder();
        encoder.setContext(context);
        encoder.setColor(color);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private LoggingEvent event(Level level, String message, Throwable error) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("console"), level, message, error, null);
        event.addKeyValuePair(new KeyValuePair("retailer", "fnac"));
        event.addKeyValuePair(new KeyValuePair("note", "two words"));
        event.addKeyValuePair(new KeyValuePair("api_key", "k-1"));
        event.addKeyValuePair(new KeyValuePair("message", "clash"));
        event.addKeyValuePair(new KeyValuePair("tags", Map.of("a", 1)));
        return event;
    }

    @Test
    void plainLineReadsLikeZerolog() {
        String line = encode("never", event(Level.WARN, "stock low", null));

        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WRN stock low retailer=fnac note=\"two words\" "
                + "api_key=\\*\\*\\* fields\\.message=clash tags=\\{\"a\":1}\n");
    }

    @Test
    void errorAddsSummaryAndStackTraceLines() {
        String text = encode("never", event(Level.ERROR, "scrape failed", new IllegalStateException("token=abc")));

        String[] lines = text.split("\n");
        assertThat(lines[0]).contains(" ERR scrape failed ").endsWith("error=\"java.lang.IllegalStateException: token=***\"");
        assertThat(lines[1]).isEqualTo("java.lang.IllegalStateException: token=***");
        assertThat(lines[2]).startsWith("\tat ");
        assertThat(text).doesNotContain("abc");
    }

    @Test
    void colorsOnlyWhenAsked() {
        assertThat(encode("always", event(Level.INFO, "hi", null))).contains("\u001b[32mINF\u001b[0m", "\u001b[36mretailer=");
        assertThat(encode("never", event(Level.INFO, "hi", null))).doesNotContain("\u001b[");
    }

    @Test
    void autoColorIsOffWithoutTerminal() {
        // Surefire runs tests without a terminal, so System.console() is null here.
        assertThat(System.console()).isNull();
        assertThat(encode("auto", event(Level.INFO, "hi", null))).doesNotContain("\u001b[");
    }

    @Test
    void levelsHaveThreeLetters() {
        assertThat(encode("never", event(Level.TRACE, "t", null))).contains(" TRC t ");
        assertThat(encode("never", event(Level.DEBUG, "d", null))).contains(" DBG d ");
        assertThat(encode("never", event(Level.INFO, "i", null))).contains(" INF i ");
    }

    @Test
    void invalidColorIsRejected() {
        assertThatThrownBy(() -> new ParetoConsoleEncoder().setColor("rainbow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid color 'rainbow': use auto, always or never");
    }
}
