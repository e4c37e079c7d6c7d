package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertSink;
import fr.pareto.alerting.logback.AlertAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * ERROR events whose message is only whitespace, as an exception's empty message or a template
 * filled with blank values gives: each must still raise an alert, since an ERROR the appender
 * swallows is an alert lost without a trace.
 */
class AlertAppenderMessageTest {

    @ParameterizedTest(name = "message {index}")
    @ValueSource(strings = {"", "   ", "\n\n", "\u2003", "\u3000 \u2003", "\u2028"})
    void blankMessageStillRaisesAnAlert(String message) {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger("fr.pareto.reliability.blank");
        AlertAppender appender = new AlertAppender((AlertSink) alerts::add);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        try {
            logger.error(message);
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).title()).isNotBlank();
    }
}
