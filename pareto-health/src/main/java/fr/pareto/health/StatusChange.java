package fr.pareto.health;

import java.util.Objects;
import java.util.Optional;

/**
 * A check's status differs from its previous result. The first result of each check counts as a
 * change from no status.
 *
 * @param check the check's name
 * @param previous the status before, or empty for the first result
 * @param current the new status
 * @param result the result that carries the new status
 */
public record StatusChange(String check, Optional<HealthStatus> previous, HealthStatus current, HealthResult result) {

    /** Validates the values. */
    public StatusChange {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(result, "result");
    }
}
