package fr.pareto.health.monitor.internal;

import fr.pareto.alerting.AlertSink;
import fr.pareto.health.monitor.MonitorNotifier;

/**
 * The one way into pareto-alerting, an optional dependency: checks that it is present before any
 * of its classes is loaded, and fails with a message that names the dependency to add.
 */
public final class AlertingSupport {

    private static final String ALERT_CLASS = "fr.pareto.alerting.Alert";

    private AlertingSupport() {
    }

    /**
     * Checks that pareto-alerting can be used from this module.
     *
     * @throws IllegalStateException if it is not on the class path or module path, or not readable
     */
    public static void requireAvailable() {
        Class<?> alert;
        try {
            alert = Class.forName(ALERT_CLASS, false, AlertingSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw missing();
        }
        Module self = AlertingSupport.class.getModule();
        if (self.isNamed() && !self.canRead(alert.getModule())) {
            throw new IllegalStateException("Module fr.pareto.alerting is present but not resolved: add"
                    + " 'requires fr.pareto.alerting;' to your module-info.java, or --add-modules fr.pareto.alerting");
        }
    }

    /**
     * Returns a notifier that turns monitor events into alerts for the sink.
     *
     * @throws IllegalStateException if pareto-alerting is missing
     */
    public static MonitorNotifier notifier(AlertSink sink, String source) {
        requireAvailable();
        try {
            return new AlertNotifier(sink, source);
        } catch (LinkageError e) {
            throw missing();
        }
    }

    private static IllegalStateException missing() {
        return new IllegalStateException("Monitor notifications to an AlertSink need pareto-alerting, which is not on"
                + " the class path or module path: add the dependency fr.pareto:pareto-alerting, or pass a"
                + " MonitorNotifier instead of an AlertSink");
    }
}
