package fr.pareto.examples.alerts;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertMarkers;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Notifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A channel that writes each alert as an {@code alert raised} log event, used when neither
 * Discord nor email is configured so alerts still show up in the logs (and in Loki).
 *
 * <p>Events are written at WARN, or INFO for resolved and informational alerts, with
 * {@code module=alerts}, {@code severity}, {@code title}, {@code source}, {@code description}
 * and the alert's fields under {@code alert_fields}. They carry
 * {@link AlertMarkers#NO_ALERT} so that an alert appender never turns them into alerts again.
 * Thread-safe.
 */
public final class LogNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public int batchSize(List<Alert> queued) {
        return queued.size();
    }

    @Override
    public DeliveryResult deliver(List<Alert> alerts) {
        for (Alert alert : alerts) {
            LoggingEventBuilder event = switch (alert.severity()) {
                case INFO, RESOLVED -> log.atInfo();
                default -> log.atWarn();
            };
            Map<String, String> fields = new LinkedHashMap<>();
            alert.fields().forEach(field -> fields.put(field.name(), field.value()));
            event.addMarker(AlertMarkers.NO_ALERT)
                    .addKeyValue("module", "alerts")
                    .addKeyValue("severity", alert.severity().jsonName())
                    .addKeyValue("title", alert.title())
                    .addKeyValue("source", alert.source().orElse(""))
                    .addKeyValue("description", alert.description())
                    .addKeyValue("alert_fields", fields)
                    .log("alert raised");
        }
        return DeliveryResult.delivered();
    }
}
