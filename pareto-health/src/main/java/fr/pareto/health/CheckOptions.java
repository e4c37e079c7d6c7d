package fr.pareto.health;

import fr.pareto.health.internal.Arguments;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a registry runs one check: whether it is critical, the groups it belongs to and its own
 * timeout.
 *
 * <p>Immutable; each method returns a new value. Start from {@link #defaults()}:
 *
 * <pre>{@code
 * CheckOptions.defaults().nonCritical().groups(HealthRegistry.READINESS, "scraper").timeout(Duration.ofSeconds(5))
 * }</pre>
 *
 * @param critical whether a failure makes the whole {@code error}; a failing non-critical check
 *                 makes it {@code degraded} instead
 * @param groups the groups the check belongs to, in the order given; every check also belongs to
 *               the overall health
 * @param timeout the check's own timeout, or empty for the registry's default
 */
public record CheckOptions(boolean critical, Set<String> groups, Optional<Duration> timeout) {

    private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String RESERVED_GROUP = "detailed";

    /**
     * Validates and copies the values.
     *
     * @throws IllegalArgumentException for an invalid group name or timeout
     */
    public CheckOptions {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(timeout, "timeout");
        groups.forEach(CheckOptions::requireGroupName);
        groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
        timeout.ifPresent(value -> Arguments.timeout(value, "timeout"));
    }

    /** Returns the defaults: critical, in the {@link HealthRegistry#READINESS} group, the registry's timeout. */
    public static CheckOptions defaults() {
        return new CheckOptions(true, Set.of(HealthRegistry.READINESS), Optional.empty());
    }

    /** Returns a copy marked non-critical: its failure makes the whole {@code degraded}, not {@code error}. */
    public CheckOptions nonCritical() {
        return new CheckOptions(false, groups, timeout);
    }

    /** Returns a copy marked critical or not. */
    public CheckOptions critical(boolean value) {
        return new CheckOptions(value, groups, timeout);
    }

    /**
     * Returns a copy in exactly these groups, replacing the default {@link HealthRegistry#READINESS}.
     * With no groups, the check counts only in the overall health. Names: 1 to 64 characters of
     * {@code a-z}, {@code 0-9}, {@code _} and {@code -}, starting with a letter or digit, and not
     * {@code detailed}, which endpoints reserve.
     *
     * @throws IllegalArgumentException naming the invalid group
     */
    public CheckOptions groups(String... names) {
        Objects.requireNonNull(names, "names");
        return new CheckOptions(critical, new LinkedHashSet<>(Arrays.asList(names)), timeout);
    }

    /**
     * Returns a copy with its own timeout instead of the registry's default. Range: 1 ms to 1 h.
     *
     * @throws IllegalArgumentException if the timeout is out of range
     */
    public CheckOptions timeout(Duration value) {
        return new CheckOptions(critical, groups, Optional.of(Arguments.timeout(value, "timeout")));
    }

    static String requireGroupName(String name) {
        Objects.requireNonNull(name, "group name");
        if (!GROUP_NAME.matcher(name).matches() || name.equals(RESERVED_GROUP)) {
            throw new IllegalArgumentException("Invalid group name: \"" + name + "\"; use 1 to 64 characters of a-z, 0-9, _"
                    + " and -, starting with a letter or digit, other than \"" + RESERVED_GROUP + "\"");
        }
        return name;
    }
}
