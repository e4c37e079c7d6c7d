package fr.pareto.alerting.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertMarkers;
import fr.pareto.alerting.AlertSink;
import fr.pareto.alerting.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AlertAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final AlertSink recording = alerts::add;

    private Logger logger(String name, AlertAppender appender) {
        appender.setContext(context);
        appender.start();
        Logger logger = context.getLogger(name);
        logger.addAppender(appender);
        return logger;
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void errorEventBecomesAlert() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setSource("api");
        Logger logger = logger("shop.checkout", appender);

        logger.error("Payment failed for order {}\nsecond line", 42, new IllegalStateException("card declined"));

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.title()).isEqualTo("Payment failed for order 42");
        assertThat(alert.severity()).isEqualTo(Severity.ERROR);
        assertThat(alert.description()).contains("second line", "IllegalStateException: card declined");
        assertThat(alert.source()).contains("api");
        assertThat(alert.fields()).extracting(Alert.Field::name).containsExactly("Logger", "Thread");
        assertThat(alert.fields().get(0).value()).isEqualTo("shop.checkout");
    }

    @Test
    void secretsInEventAreMaskedInAlert() {
        Logger logger = logger("shop.db", new AlertAppender(recording));

        logger.error("db failed password=hunter7 url=postgres://app:hunter8@db/x",
                new RuntimeException("Cookie: session=hunter10 token=hunter11"));

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        String everything = alert.title() + alert.description() + alert.fields() + alert.deduplicationKey();
        assertThat(everything).doesNotContain("hunter7", "hunter8", "hunter10", "hunter11");
        assertThat(alert.title()).isEqualTo("db failed password=*** url=postgres://app:***@db/x");
        assertThat(alert.description()).contains("Cookie: *** token=***");
    }

    @Test
    void secretsInHeldBackSamplesAreMasked() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setMaxAlertsPerPeriod(1);
        Logger logger = logger("shop", appender);
        logger.error("first");
        logger.error("retry with token=hunter12");

        appender.stop();

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).description()).contains("token=***").doesNotContain("hunter12");
    }

    @ParameterizedTest(name = "message {index}")
    @ValueSource(strings = {"", "   ", "\n\n", "\u2003", "\u3000 \u2003", "\u2028", "\t\r\n\u00A0\u2003"})
    void blankMessageRaisesAlertNamingLogger(String message) {
        Logger logger = logger("shop.checkout", new AlertAppender(recording));

        logger.error(message);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).title()).isNotBlank();
    }

    @Test
    void blankMessageTitleNamesLevelAndLogger() {
        Logger logger = logger("shop.checkout", new AlertAppender(recording));

        logger.error("\u2003");

        assertThat(alerts).extracting(Alert::title).containsExactly("ERROR log event from shop.checkout");
    }

    @Test
    void firstNonBlankLineBecomesTitle() {
        Logger logger = logger("shop", new AlertAppender(recording));

        logger.error("\n\u2003\n\u3000 Payment failed \u2003\nsecond line");

        assertThat(alerts).extracting(Alert::title).containsExactly("Payment failed");
    }

    @Test
    void eventThatCannotBuildAlertRaisesPlainAlert() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setContext(context);
        appender.start();
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.ERROR);
        event.setMessage("broken event");
        event.setThreadName(null);
        event.setInstant(java.time.Instant.parse("2026-01-01T00:00:00Z"));

        appender.doAppend(event);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).title()).isEqualTo("ERROR log event from an unnamed logger");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(status -> status.getMessage().contains("Could not build an alert from an event at level ERROR"));
    }

    @Test
    void eventsBelowThresholdAreIgnored() {
        Logger logger = logger("shop", new AlertAppender(recording));

        logger.warn("slow request");
        logger.info("started");

        assertThat(alerts).isEmpty();
    }

    @Test
    void thresholdIsConfigurable() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setThreshold("WARN");
        Logger logger = logger("shop", appender);

        logger.warn("disk at 90%");

        assertThat(alerts).extracting(Alert::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void ownEventsAndMarkedEventsNeverAlert() {
        AlertAppender appender = new AlertAppender(recording);
        logger("fr.pareto.alerting.AlertDispatcher", appender).error("Alert not delivered");
        Logger app = context.getLogger("shop");
        app.addAppender(appender);

        app.error(AlertMarkers.NO_ALERT, "already alerted");

        assertThat(alerts).isEmpty();
    }

    @Test
    void sinkThatLogsDoesNotRecurse() {
        Logger[] holder = new Logger[1];
        AlertSink logging = alert -> {
            alerts.add(alert);
            holder[0].error("sink logged an error while sending");
        };
        holder[0] = logger("shop", new AlertAppender(logging));

        holder[0].error("first");

        assertThat(alerts).extracting(Alert::title).containsExactly("first");
    }

    @Test
    void burstIsRateLimitedWithSummary() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setMaxAlertsPerPeriod(3);
        appender.setPeriod(ch.qos.logback.core.util.Duration.buildBySeconds(1));
        Logger logger = logger("shop", appender);

        for (int i = 0; i < 10; i++) {
            logger.error("failure {}", i);
        }

        assertThat(alerts).hasSize(3);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> alerts.size() == 4);
        Alert summary = alerts.get(3);
        assertThat(summary.title()).isEqualTo("7 more log events held back");
        assertThat(summary.description()).contains("failure 3", "failure 7").doesNotContain("failure 8");
    }

    @Test
    void stopSendsPendingSummary() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setMaxAlertsPerPeriod(1);
        Logger logger = logger("shop", appender);
        logger.error("one");
        logger.error("two");

        appender.stop();

        assertThat(alerts).extracting(Alert::title).containsExactly("one", "1 more log events held back");
    }

    @Test
    void connectedSinkServesXmlConfiguredAppenders() {
        AlertAppender appender = new AlertAppender();
        Logger logger = logger("shop", appender);
        AlertAppender.connect(recording);

        logger.error("via connected sink");

        assertThat(alerts).extracting(Alert::title).containsExactly("via connected sink");
    }

    @Test
    void invalidSettingsAreReportedAndIgnored() {
        AlertAppender appender = new AlertAppender(recording);
        appender.setContext(context);

        appender.setThreshold("LOUD");
        appender.setMaxAlertsPerPeriod(0);

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(status -> status.getMessage().contains("Invalid threshold 'LOUD'"))
                .anyMatch(status -> status.getMessage().contains("Invalid maxAlertsPerPeriod 0"));
    }
}
