package fr.pareto.alerting;

/**
 * Where code that raises alerts hands them over: the delivery engine, or a test fake.
 *
 * <p>Implementations must return quickly and must not throw: callers are request threads,
 * monitors and error trackers that an alert must never break.
 */
@FunctionalInterface
public interface AlertSink {

    /**
     * Accepts an alert for delivery. Returns without waiting for delivery.
     *
     * @param alert the alert, not null
     */
    void send(Alert alert);
}
