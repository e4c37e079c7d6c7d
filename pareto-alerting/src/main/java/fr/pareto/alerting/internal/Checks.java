package fr.pareto.alerting.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the builders, with messages that name the value and the range. */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns the duration if it lies within [min, max].
     *
     * @throws NullPointerException naming the argument if it is null
     * @throws IllegalArgumentException naming the value and the range otherwise
     */
    public static Duration within(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("Invalid " + name + " " + value + ": it must be from " + min + " to " + max);
        }
        return value;
    }

    /** Returns the timeout if it lies from 1 ms to 5 minutes; see {@link #within}. */
    public static Duration timeout(String name, Duration value) {
        return within(name, value, Duration.ofMillis(1), Duration.ofMinutes(5));
    }
}
