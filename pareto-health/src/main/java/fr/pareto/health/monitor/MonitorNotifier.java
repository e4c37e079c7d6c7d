package fr.pareto.health.monitor;

/**
 * Receives the transitions of monitors: DOWN, still DOWN, and UP after a notified DOWN.
 *
 * <p>{@link MonitorService} calls notifiers on its own threads, one event at a time per monitor,
 * and only on the replica that its {@link AlertGate} lets alert. An exception thrown here is
 * logged and does not affect monitoring or other notifiers. Implementations should return
 * quickly: a slow notifier delays the next check of that monitor.
 */
@FunctionalInterface
public interface MonitorNotifier {

    /**
     * Handles one transition.
     *
     * @param event the transition, not null
     */
    void notify(MonitorEvent event);
}
