package fr.pareto.health;

/**
 * Hears when a registered check's status changes.
 *
 * <p>Called once per change, in order, on the registry's single listener thread, shortly after
 * the result that changed the status; a slow listener delays other listeners but never checks or
 * their timeouts. Up to 1024 changes wait for slow listeners; further changes are dropped with a
 * warning. A listener that throws is logged and the others still run. Listeners stop at
 * {@link HealthRegistry#close()}.
 */
@FunctionalInterface
public interface HealthListener {

    /** Receives one status change. */
    void statusChanged(StatusChange change);
}
