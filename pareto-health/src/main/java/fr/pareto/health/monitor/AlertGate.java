package fr.pareto.health.monitor;

/**
 * Decides whether this replica of a service sends monitor notifications, so that a service
 * running several replicas alerts once rather than once per replica.
 *
 * <p>Every replica runs its monitors and serves its own status page; before each notification a
 * {@link MonitorService} calls its gate, and drops the notification (logging it at INFO) when the
 * gate returns false. Incident state is kept either way, so a replica that takes over mid-incident
 * sends the UP (or the next "still down") of an incident whose DOWN another replica sent.
 *
 * <p>Implementations must be thread-safe. An implementation that cannot decide (its database is
 * unreachable, say) should answer true: a duplicate alert is better than none.
 *
 * @see PostgresAdvisoryLockGate
 */
@FunctionalInterface
public interface AlertGate {

    /** A gate that always lets this replica alert: the default, right for a single replica. */
    AlertGate ALWAYS = () -> true;

    /**
     * Returns whether this replica may send a notification now, taking the alerting role if it
     * is free. Called on a monitor thread, only when there is something to send.
     */
    boolean tryAcquire();
}
