package fr.pareto.health;

import java.util.Locale;

/**
 * The verdict of one check or of a group of checks, from best to worst.
 *
 * <p>HTTP endpoints answer 200 for {@link #OK} and {@link #DEGRADED} and 503 for {@link #ERROR}.
 */
public enum HealthStatus {
    /** Working. */
    OK,
    /** Working with reduced service, such as a non-critical dependency failing. */
    DEGRADED,
    /** Not working. */
    ERROR;

    /** Returns the name as written in health responses: {@code ok}, {@code degraded}, {@code error}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the worse of this status and the other. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
