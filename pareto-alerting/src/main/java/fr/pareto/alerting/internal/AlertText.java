package fr.pareto.alerting.internal;

import fr.pareto.alerting.Alert;

/** Renders an alert as plain text: for ERROR logs of undelivered alerts and for email bodies. */
public final class AlertText {

    private AlertText() {
    }

    /** Returns the subject line: {@code [ERROR] API Health is down}, on one line. */
    public static String subject(Alert alert) {
        return Texts.oneLine("[" + alert.severity().label() + "] " + alert.title());
    }

    /** Returns every value of the alert, one per line, nothing shortened. */
    public static String render(Alert alert) {
        StringBuilder out = new StringBuilder(256);
        out.append(subject(alert)).append('\n');
        out.append("Time: ").append(alert.timestamp()).append('\n');
        alert.source().ifPresent(source -> out.append("Source: ").append(source).append('\n'));
        for (Alert.Field field : alert.fields()) {
            out.append(field.name()).append(": ").append(field.value()).append('\n');
        }
        alert.link().ifPresent(link -> out.append("Link: ").append(link).append('\n'));
        out.append("Deduplication key: ").append(alert.deduplicationKey()).append('\n');
        if (!alert.description().isEmpty()) {
            out.append('\n').append(alert.description()).append('\n');
        }
        return out.toString();
    }
}
