package fr.pareto.logging;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import fr.pareto.logging.test.LogCapture;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

class EventHelpersTest {

    private static final String QUIET = "fr.pareto.logging.EventHelpersTest.quiet";

    @AfterEach
    void resetLevel() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(QUIET)).setLevel(null);
    }

    @Test
    void scrapeFailedCarriesTheGoFields() {
        ScraperEvents events = ScraperEvents.of(EventHelpersTest.class);
        try (LogCapture logs = LogCapture.start()) {
            events.scrapeFailed("fnac", "https://www.fnac.example/p/42?session_token=s3", new SocketTimeoutException("read timed out"));

            assertThat(logs).hasEvent("scrape failed")
                    .hasLevel("error")
                    .hasField("module", "scraper")
                    .hasField("retailer", "fnac")
                    .hasField("url", "https://www.fnac.example/p/42?session_token=***")
                    .hasField("error", "java.net.SocketTimeoutException: read timed out")
                    .hasField("logger", EventHelpersTest.class.getName())
                    .hasFieldContaining("stack_trace", "SocketTimeoutException");
        }
    }

    @Test
    void requestHandledWritesDurationAsNumber() {
        ApiEvents events = ApiEvents.of(LoggerFactory.getLogger("api"));
        try (LogCapture logs = LogCapture.start()) {
            events.requestHandled("GET", "/api/products?page=2&token=t", 200, Duration.ofNanos(12_345_678));

            assertThat(logs).hasEvent("request handled")
                    .hasLevel("info")
                    .hasField("module", "api")
                    .hasField("method", "GET")
                    .hasField("path", "/api/products")
                    .hasField("status", 200)
                    .hasField("duration_ms", 12.346);
            assertThat(logs.events().get(0).field("duration_ms")).get().isInstanceOf(Double.class);
        }
    }

    @Test
    void nullArgumentsAreWrittenAsNull() {
        try (LogCapture logs = LogCapture.start()) {
            ApiEvents.of(LoggerFactory.getLogger("api")).requestHandled(null, null, 0, null);
            ScraperEvents.of(LoggerFactory.getLogger("scraper")).scrapeFailed(null, null, null);

            assertThat(logs).hasEvent("request handled").hasField("method", null).hasField("duration_ms", null);
            assertThat(logs).hasEvent("scrape failed").hasField("retailer", null).doesNotHaveField("error");
        }
    }

    @Test
    void disabledLevelWritesNothing() {
        Logger quiet = LoggerFactory.getLogger(QUIET);
        ((ch.qos.logback.classic.Logger) quiet).setLevel(Level.OFF);
        try (LogCapture logs = LogCapture.start()) {
            ApiEvents.of(quiet).requestHandled("GET", "/", 200, Duration.ZERO);
            ScraperEvents.of(quiet).scrapeFailed("fnac", "u", new RuntimeException());

            assertThat(logs).hasSize(0);
        }
    }

    @Test
    void turboFilterDenialIsHonoured() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TurboFilter denyRequests = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                    Object[] params, Throwable t) {
                return QUIET.equals(logger.getName()) && "request handled".equals(format) ? FilterReply.DENY
                        : FilterReply.NEUTRAL;
            }
        };
        denyRequests.start();
        context.addTurboFilter(denyRequests);
        try (LogCapture logs = LogCapture.start()) {
            ApiEvents.of(LoggerFactory.getLogger(QUIET)).requestHandled("GET", "/", 200, Duration.ZERO);
            ApiEvents.of(LoggerFactory.getLogger("api")).requestHandled("GET", "/", 200, Duration.ZERO);

            assertThat(logs).hasSize(1).hasEvent("request handled").hasField("logger", "api");
        } finally {
            context.getTurboFilterList().remove(denyRequests);
        }
    }

    @Test
    void teamHelperAddsItsModule() {
        CheckoutEvents events = new CheckoutEvents(LoggerFactory.getLogger("checkout"));
        try (LogCapture logs = LogCapture.start()) {
            events.orderPlaced("o-1", 4_999);

            assertThat(logs).hasEvent("order placed")
                    .hasField("module", "checkout")
                    .hasField("order_id", "o-1")
                    .hasField("amount_cents", 4_999);
        }
    }

    @Test
    void blankModuleIsRejected() {
        assertThatThrownBy(() -> new EventLogger(LoggerFactory.getLogger("x"), " ") { })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid module ' ': use a short name such as 'api'");
        assertThatThrownBy(() -> ApiEvents.of((Logger) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("logger");
    }

    /** The pattern the javadoc of {@link EventLogger} shows. */
    private static final class CheckoutEvents extends EventLogger {
        CheckoutEvents(Logger logger) {
            super(logger, "checkout");
        }

        void orderPlaced(String orderId, long amountCents) {
            if (!logger().isInfoEnabled()) {
                return;
            }
            event(org.slf4j.event.Level.INFO)
                    .addKeyValue("order_id", orderId)
                    .addKeyValue("amount_cents", amountCents)
                    .log("order placed");
        }
    }
}
