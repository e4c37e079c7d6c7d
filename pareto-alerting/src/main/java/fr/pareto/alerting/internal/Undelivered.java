package fr.pareto.alerting.internal;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * The one place where an alert that will not be delivered is written down: at ERROR, with
 * every value of the alert and the reason, so nothing is lost silently.
 */
public final class Undelivered {

    private static final Logger LOG = LoggerFactory.getLogger("fr.pareto.alerting.AlertDispatcher");

    private Undelivered() {
    }

    /** Logs each alert with the channel it missed and the reason. */
    public static void log(String channel, Collection<Alert> alerts, String reason) {
        for (Alert alert : alerts) {
            LOG.error(AlertMarkers.NO_ALERT, "Alert not delivered to {}: {}\n{}", channel, reason, AlertText.render(alert));
        }
    }
}
