package fr.pareto.health;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict of a group of checks and the result of each, in registration order.
 *
 * <p>The overall status is the worst of: each critical check's status, and {@code degraded} for
 * each non-critical check that is not {@code ok}. An empty group is {@code ok}.
 *
 * @param status the overall verdict
 * @param checks each check's report, in the order the checks were registered
 */
public record HealthReport(HealthStatus status, List<CheckReport> checks) {

    /** Validates and copies the values. */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }

    /** Returns a report whose status is aggregated from the checks as described above. */
    public static HealthReport of(List<CheckReport> checks) {
        HealthStatus status = HealthStatus.OK;
        for (CheckReport check : checks) {
            HealthStatus contribution = check.critical() || check.status() == HealthStatus.OK
                    ? check.status()
                    : HealthStatus.DEGRADED;
            status = status.worst(contribution);
        }
        return new HealthReport(status, checks);
    }

    /** Returns the report of the named check, if it is part of this report. */
    public Optional<CheckReport> check(String name) {
        Objects.requireNonNull(name, "name");
        return checks.stream().filter(check -> check.name().equals(name)).findFirst();
    }
}
