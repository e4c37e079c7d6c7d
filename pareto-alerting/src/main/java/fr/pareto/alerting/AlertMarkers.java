package fr.pareto.alerting;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** SLF4J markers that the alerting module understands. */
public final class AlertMarkers {

    /**
     * Marks a log event that must never become an alert, for example because the code that
     * logged it has already raised an alert for the same fact. The delivery engine puts it on
     * its own events, and {@code fr.pareto.alerting.logback.AlertAppender} skips every event
     * that carries it.
     */
    public static final Marker NO_ALERT = MarkerFactory.getMarker("PARETO_NO_ALERT");

    private AlertMarkers() {
    }
}
