package fr.pareto.health.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the builders. Not part of the API. */
public final class Arguments {

    /** The longest timeout a builder accepts; longer bounds make a health probe meaningless. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private Arguments() {
    }

    /**
     * Returns the timeout if it lies in (0, 1 h] and has at least millisecond precision.
     *
     * @throws NullPointerException naming {@code what} when the timeout is null
     * @throws IllegalArgumentException naming the value and the valid range otherwise
     */
    public static Duration timeout(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "Invalid " + what + ": " + timeout + "; it must lie between 1 ms and 1 h");
        }
        return timeout;
    }

    /** Returns the name if it is not blank. */
    public static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Invalid name: it is blank; give the check a name such as \"database\"");
        }
        return name;
    }

    /** Returns the port if it lies in [1, 65535]. */
    public static int port(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Invalid port: " + port + "; it must lie between 1 and 65535");
        }
        return port;
    }

    /** Returns the host if it is not blank. */
    public static String host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Invalid host: it is blank; give a host name or an IP address");
        }
        return host;
    }
}
