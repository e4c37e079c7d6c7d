package fr.pareto.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.logging.ParetoJsonEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class EscapedTextCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Quotes, control characters, non-ASCII, an emoji, a lone surrogate and a secret, padded past the cache's minimum. */
    private static final String AWKWARD = ("line \"one\"\n\ttab \u0001 é 中文 \uD83D\uDE00 lone \uD83D end "
            + "password=hunter2 at com.example.TokenStore.load(TokenStore.java:42)\n").repeat(20);

    @Test
    void secondSightingEscapesThirdHits() throws IOException {
        EscapedTextCache cache = new EscapedTextCache(new JsonFactory());
        String text = "x".repeat(EscapedTextCache.MIN_CHARS);

        assertThat(cache.lookup(text)).isNull();
        EscapedTextCache.Entry seen = cache.lookup(new String(text.toCharArray()));
        assertThat(seen).isNotNull();
        assertThat(seen.json()).isNull();
        cache.complete(text, text);
        EscapedTextCache.Entry hit = cache.lookup(new String(text.toCharArray()));

        assertThat(hit.json()).isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sameLengthTextIsNotHit() throws IOException {
        EscapedTextCache cache = new EscapedTextCache(new JsonFactory());
        String first = "a".repeat(2000);
        String second = "a".repeat(1999) + "b";
        cache.lookup(first);
        cache.complete(first, first);

        assertThat(cache.lookup(second)).isNull();
        assertThat(cache.lookup(first)).isNull();
    }

    @Test
    void shortAndHugeTextsAreNotCached() {
        assertThat(EscapedTextCache.cacheable("x".repeat(EscapedTextCache.MIN_CHARS - 1))).isFalse();
        assertThat(EscapedTextCache.cacheable("x".repeat(EscapedTextCache.MAX_CHARS + 1))).isFalse();
        assertThat(EscapedTextCache.cacheable("x".repeat(EscapedTextCache.MAX_CHARS))).isTrue();
    }

    @Test
    void repeatedValueWritesSameLine() throws IOException {
        ParetoJsonEncoder encoder = startedEncoder(ParetoJsonEncoder.DEFAULT_MAX_LINE_BYTES);

        // Distinct but equal strings, as a stack trace rendered anew for each occurrence is.
        byte[] first = encoder.encode(event(new String(AWKWARD.toCharArray())));
        byte[] second = encoder.encode(event(new String(AWKWARD.toCharArray())));
        byte[] third = encoder.encode(event(new String(AWKWARD.toCharArray())));

        assertThat(new String(third, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(second).isEqualTo(first);
        Map<?, ?> fields = JSON.readValue(third, Map.class);
        String detail = (String) fields.get("detail");
        assertThat(detail).contains("password=***", "TokenStore.java:42", "\uD83D\uDE00", "lone \uFFFD end")
                .doesNotContain("hunter2");
        assertThat(detail).hasSize(AWKWARD.length() - 20 * "hunter2".length() + 20 * SecretMasker.MASK.length());
    }

    @Test
    void repeatedValueStillCutWhenTooLong() throws IOException {
        ParetoJsonEncoder encoder = startedEncoder(2048);
        String text = "y".repeat(3000);

        for (int i = 0; i < 3; i++) {
            byte[] line = encoder.encode(event(text));

            assertThat(line.length).isLessThanOrEqualTo(2048);
            assertThat((String) JSON.readValue(line, Map.class).get("detail")).contains("...[truncated ");
        }
    }

    @Test
    void racingThreadsNeverMixTexts() throws Exception {
        ParetoJsonEncoder encoder = startedEncoder(ParetoJsonEncoder.DEFAULT_MAX_LINE_BYTES);
        // Eight texts of one length share one slot, so threads keep overwriting each other's entries.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add(("frame " + i + " token=secret" + i + "\n").repeat(80));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int n = 0; n < 2_000; n++) {
                        int textIndex = (n * 3 + offset) % texts.size();
                        byte[] line = encoder.encode(event(new String(texts.get(textIndex).toCharArray())));
                        String detail = (String) JSON.readValue(line, Map.class).get("detail");
                        if (!detail.equals(texts.get(textIndex).replace("secret" + textIndex, SecretMasker.MASK))) {
                            problems.add("text " + textIndex + " came out as " + detail.substring(0, 40));
                        }
                    }
                    return problems;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final LoggerContext CONTEXT = new LoggerContext();

    static {
        CONTEXT.setMDCAdapter(new LogbackMDCAdapter());
    }

    private static ParetoJsonEncoder startedEncoder(int maxLineBytes) {
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(CONTEXT);
        encoder.setMaxLineBytes(maxLineBytes);
        encoder.start();
        return encoder;
    }

    private static LoggingEvent event(String detail) {
        LoggingEvent event = new LoggingEvent(EscapedTextCacheTest.class.getName(), CONTEXT.getLogger("cache.test"),
                Level.ERROR, "long value", null, null);
        event.setThreadName("main");
        event.setTimeStamp(1_700_000_000_000L);
        event.setKeyValuePairs(List.of(new KeyValuePair("detail", detail)));
        return event;
    }
}
