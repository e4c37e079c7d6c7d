package fr.pareto.health;

import java.util.List;
import java.util.Objects;

/**
 * Every check's report plus every gauge's, evaluated together for detailed health.
 *
 * @param health the overall report of all checks
 * @param gauges one report per gauge, in registration order; a gauge's value is its result's
 *               {@code value} detail
 */
public record DetailedReport(HealthReport health, List<CheckReport> gauges) {

    /** Validates and copies the values. */
    public DetailedReport {
        Objects.requireNonNull(health, "health");
        gauges = List.copyOf(gauges);
    }
}
