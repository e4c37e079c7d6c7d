package fr.pareto.health;

import java.util.Objects;

/**
 * The latest result of one registered check, as part of a {@link HealthReport}.
 *
 * @param name the check's name
 * @param critical whether the check's failure makes the whole {@code error} rather than {@code degraded}
 * @param result the result, with duration and time filled in
 */
public record CheckReport(String name, boolean critical, HealthResult result) {

    /** Validates the values. */
    public CheckReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
    }

    /** Returns the check's own status. */
    public HealthStatus status() {
        return result.status();
    }
}
