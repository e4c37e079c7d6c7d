package fr.pareto.health;

/**
 * A named probe of one dependency or capability.
 *
 * <p>{@link #check()} may block and may throw: the code that runs checks applies a timeout and
 * turns an exception into an {@link HealthStatus#ERROR} result, so implementations can stay
 * simple. Implementations must be safe to call from several threads.
 */
public interface HealthCheck {

    /** Returns the name under which the result is reported, such as {@code database}. */
    String name();

    /**
     * Probes the dependency once.
     *
     * @return the result; its duration and time may be left for the runner to fill in
     * @throws Exception when the probe fails; the runner reports it as an error result
     */
    HealthResult check() throws Exception;
}
