package fr.pareto.health.monitor;

import java.util.List;
import java.util.Objects;

/**
 * A monitor file that cannot be used. The message lists every problem found, one per line, each
 * with its file, line, key, the bad value and how to fix it:
 *
 * <pre>
 * monitors.conf:12: invalid interval "60" in [Web]: write a duration with a unit, such as 60s, 5m or 1h
 * </pre>
 */
public final class MonitorFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one message per problem, each naming its line; not empty
     */
    public MonitorFileException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Returns one message per problem, in file order. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A MonitorFileException needs at least one problem");
        }
        return problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the monitor file:\n" + String.join("\n", problems);
    }
}
