package fr.pareto.health.monitor.internal;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertSink;
import fr.pareto.alerting.Severity;
import fr.pareto.health.monitor.MonitorEvent;
import fr.pareto.health.monitor.MonitorNotifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns monitor events into alerts: DOWN and "still down" in red, UP in green with the outage's
 * duration. Loaded only when the user passes an {@link AlertSink}.
 */
final class AlertNotifier implements MonitorNotifier {

    private final AlertSink sink;
    private final String source;

    AlertNotifier(AlertSink sink, String source) {
        this.sink = Objects.requireNonNull(sink, "alertSink");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public void notify(MonitorEvent event) {
        sink.send(toAlert(event));
    }

    /** Returns the alert for one event. */
    static Alert toAlert(MonitorEvent event, String source) {
        String downSince = format(event.downSince());
        String outage = Durations.format(event.outage());
        Alert.Builder alert;
        switch (event.type()) {
            case DOWN -> alert = Alert.builder(event.monitor() + " is down")
                    .severity(Severity.ERROR)
                    .description(event.failedChecks() + (event.failedChecks() == 1 ? " check" : " consecutive checks")
                            + " failed since " + downSince + ".")
                    .field("Monitor", event.monitor())
                    .field("Target", event.target())
                    .field("Down since", downSince)
                    .field("Failed checks", Integer.toString(event.failedChecks()))
                    .field("Error", orNone(event.message()), false);
            case STILL_DOWN -> alert = Alert.builder(event.monitor() + " is still down")
                    .severity(Severity.ERROR)
                    .description(event.failedChecks() + " checks have failed since " + downSince + " (" + outage + ").")
                    .field("Monitor", event.monitor())
                    .field("Target", event.target())
                    .field("Down since", downSince)
                    .field("Failed checks", Integer.toString(event.failedChecks()))
                    .field("Error", orNone(event.message()), false);
            case UP -> alert = Alert.builder(event.monitor() + " is up")
                    .severity(Severity.RESOLVED)
                    .description("Back up after " + outage + " down.")
                    .field("Monitor", event.monitor())
                    .field("Target", event.target())
                    .field("Outage", outage)
                    .field("Down since", downSince);
            default -> throw new IllegalArgumentException("Unknown event type " + event.type());
        }
        return alert.source(source)
                .timestamp(event.time())
                .deduplicationKey(deduplicationKey(event))
                .build();
    }

    private Alert toAlert(MonitorEvent event) {
        return toAlert(event, source);
    }

    // One key per notification: a delivery retry collapses, but a repeat "still down" with a
    // higher count, or the next incident, does not.
    private static String deduplicationKey(MonitorEvent event) {
        String key = "monitor|" + event.monitor() + '|' + event.type().name().toLowerCase(Locale.ROOT)
                + '|' + event.downSince().toEpochMilli();
        return event.type() == MonitorEvent.Type.STILL_DOWN ? key + '|' + event.failedChecks() : key;
    }

    private static String orNone(String message) {
        return message.isEmpty() ? "(no message)" : message;
    }

    private static String format(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }
}
