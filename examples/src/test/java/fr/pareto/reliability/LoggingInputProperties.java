package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pareto.logging.ApiEvents;
import fr.pareto.logging.ScraperEvents;
import fr.pareto.logging.test.LogCapture;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hostile input through every logging entry point that takes user data: messages and their
 * arguments, SLF4J key-value pairs, MDC entries and the event helpers. Every call must return
 * normally and write exactly one line per event that parses as one JSON object without a
 * repeated key.
 */
class LoggingInputProperties {

    private static final Logger LOG = LoggerFactory.getLogger("fr.pareto.reliability.input");

    private LogCapture capture;

    private int findingsBefore;

    @BeforeProperty
    void startCapture() {
        findingsBefore = Transcript.findings().size();
        capture = LogCapture.start();
    }

    @AfterProperty
    void stopCapture() {
        capture.close();
        Transcript.publish();
        Transcript.assertNoFindingsSince(findingsBefore);
    }

    @Property(tries = 400)
    void keyValuePairsAndMdcStayOneJsonLine(@ForAll("strings") String message, @ForAll("strings") String key,
            @ForAll("values") Object generated, @ForAll("strings") String mdcKey, @ForAll("strings") String mdcValue) {
        Object value = Inputs.materialize(generated);
        capture.clear();
        runLogging(() -> {
            MDC.put(mdcKey, mdcValue);
            try {
                LOG.atInfo().addKeyValue(key, value).addKeyValue(key, mdcValue).addKeyValue("message", value).log(message);
                LOG.atWarn().setMessage(message).addArgument(value).addArgument(() -> value).log();
                LOG.atError().setMessage(message).addArgument(value).setCause(new IllegalStateException(message)).log();
            } finally {
                MDC.remove(mdcKey);
            }
        });

        List<JsonNode> events = parsedLines(3);
        assertThat(events).extracting(event -> event.path("level").asText()).containsExactly("info", "warn", "error");
        Figures.add("inputs.logging.key_value_and_mdc", 1);
    }

    @Property(tries = 300)
    void eventHelpersStayOneJsonLine(@ForAll("strings") String method, @ForAll("strings") String path,
            @ForAll int status, @ForAll("durations") Duration duration, @ForAll("strings") String retailer,
            @ForAll("strings") String url, @ForAll("throwables") Throwable error) {
        capture.clear();

        runLogging(() -> {
            ApiEvents.of(LOG).requestHandled(method, path, status, duration);
            ScraperEvents.of(LOG).scrapeFailed(retailer, url, error);
        });

        List<JsonNode> events = parsedLines(2);
        assertThat(events.get(0).path("message").asText()).isEqualTo(ApiEvents.REQUEST_HANDLED);
        assertThat(events.get(1).path("message").asText()).isEqualTo(ScraperEvents.SCRAPE_FAILED);
        assertThat(events.get(1).path("level").asText()).isEqualTo("error");
        Figures.add("inputs.logging.event_helpers", 1);
    }

    @Property(tries = 200)
    void eventHelpersKeepTheirFieldsWhenCut(@ForAll("strings") String retailer, @ForAll("strings") String url,
            @ForAll("throwables") Throwable error, @ForAll int status) {
        capture.clear();

        runLogging(() -> {
            ApiEvents.of(LOG).requestHandled("GET", url, status, Duration.ofMillis(3));
            ScraperEvents.of(LOG).scrapeFailed(retailer, url, error);
        });

        List<JsonNode> events = parsedLines(2);
        assertThat(events.get(0).path("status").asInt()).isEqualTo(status);
        assertThat(events.get(0).path("module").asText()).isEqualTo("api");
        assertThat(events.get(1).path("module").asText()).isEqualTo("scraper");
        assertThat(events.get(1).has("retailer")).isTrue();
        assertThat(events.get(1).has("encoding_error")).isFalse();
        assertThat(events.get(1).has("stack_trace") || error == null).isTrue();
    }

    /**
     * Runs the logging calls on a thread of their own and turns anything they throw into a
     * failure, so that a bug in one try cannot leave state behind on jqwik's thread.
     */
    private static void runLogging(Runnable calls) {
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                calls.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "property-logging", 4L * 1024 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while logging", e);
        }
        if (thrown[0] != null) {
            throw new AssertionError("a logging call threw into its caller", thrown[0]);
        }
    }

    private List<JsonNode> parsedLines(int expected) {
        List<String> lines = capture.lines();
        Transcript.addAll(Transcript.Kind.LOG_LINE, lines);
        assertThat(lines).as("lines written").hasSize(expected);
        return lines.stream().map(line -> StrictJson.parse("log line", line)).toList();
    }

    @Provide
    Arbitrary<String> strings() {
        return Inputs.strings();
    }

    @Provide
    Arbitrary<Object> values() {
        return Inputs.values();
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Inputs.durations();
    }

    @Provide
    Arbitrary<Throwable> throwables() {
        return Inputs.throwables();
    }
}
