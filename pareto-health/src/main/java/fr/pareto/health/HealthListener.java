package fr.pareto.health;

/**
 * Hears when a registered check's status changes.
 *
 * <p>Called on a registry thread right after the result that changed the status, once per
 * change. Keep it short and non-blocking (hand slow work to another executor): a listener that
 * blocks holds a health thread. A listener that throws is logged and the others still run.
 */
@FunctionalInterface
public interface HealthListener {

    /** Receives one status change. */
    void statusChanged(StatusChange change);
}
