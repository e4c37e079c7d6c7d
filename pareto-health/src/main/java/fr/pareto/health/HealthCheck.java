package fr.pareto.health;

import fr.pareto.health.internal.Arguments;
import java.util.Objects;
import java.util.concurrent.Callable;

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

    /**
     * Returns a check that calls the given probe, for checks written as a lambda.
     *
     * <pre>{@code
     * HealthCheck queue = HealthCheck.of("queue", () -> queue.size() < 10_000
     *         ? HealthResult.ok() : HealthResult.degraded("queue backlog above 10000"));
     * }</pre>
     *
     * @param name the name under which the result is reported, not blank
     * @param probe called on each check; it may throw, and it must be thread-safe
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank
     */
    static HealthCheck of(String name, Callable<HealthResult> probe) {
        Arguments.name(name);
        Objects.requireNonNull(probe, "probe");
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthResult check() throws Exception {
                return probe.call();
            }

            @Override
            public String toString() {
                return "HealthCheck[" + name + "]";
            }
        };
    }
}
