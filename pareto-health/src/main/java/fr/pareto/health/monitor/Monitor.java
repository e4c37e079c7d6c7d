package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HttpCheck;
import fr.pareto.health.TcpCheck;
import fr.pareto.health.monitor.internal.Secrets;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration of one uptime monitor: what to check, how often, and when to notify.
 *
 * <p>A monitor runs its {@link HealthCheck} every {@linkplain #interval() interval}. A failed
 * check makes it {@link MonitorStatus#PENDING} and it checks again after the
 * {@linkplain #retryInterval() retry interval}; after {@linkplain #downAfter() downAfter}
 * consecutive failures it is {@link MonitorStatus#DOWN} and a notification is sent. The next
 * passing check makes it {@link MonitorStatus#UP} and, if a DOWN notification was sent, a
 * recovery notification follows.
 *
 * <p>Immutable and thread-safe. Build one with {@link #http(String, String)},
 * {@link #tcp(String, String, int)} or {@link #builder(String, HealthCheck)}, or read several
 * from a file with {@link MonitorFile}:
 *
 * <pre>{@code
 * Monitor api = Monitor.http("API Health", "http://api:8080/health")
 *         .interval(Duration.ofSeconds(60))
 *         .downAfter(3)
 *         .build();
 * Monitor database = Monitor.builder("PostgreSQL", myJdbcCheck).downAfter(3).build();
 * }</pre>
 */
public final class Monitor {

    /** Shortest accepted interval, timeout or retry interval. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    /** Longest accepted interval or retry interval. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);
    /** Longest accepted timeout or maximum response time. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** Largest accepted {@link #downAfter()}. */
    public static final int MAX_DOWN_AFTER = 1000;

    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final HealthCheck check;
    private final String target;
    private final Duration interval;
    private final Duration timeout;
    private final int downAfter;
    private final Duration retryInterval;
    private final Duration renotifyEvery;
    private final boolean notifyRecovery;
    private final Duration maxResponseTime;
    private final boolean paused;

    private Monitor(Builder builder) {
        this.name = builder.name;
        this.interval = builder.interval;
        this.timeout = builder.timeout == null ? min(DEFAULT_TIMEOUT, builder.interval) : builder.timeout;
        this.check = builder.checkFactory.apply(timeout);
        this.target = builder.target == null ? defaultTarget(check) : builder.target;
        this.downAfter = builder.downAfter;
        this.retryInterval = builder.retryInterval == null ? builder.interval : builder.retryInterval;
        this.renotifyEvery = builder.renotifyEvery;
        this.notifyRecovery = builder.notifyRecovery;
        this.maxResponseTime = builder.maxResponseTime;
        this.paused = builder.paused;
    }

    /**
     * Starts a monitor that runs the given check.
     *
     * @param name  the name shown on the status page and in notifications, such as
     *              {@code API Health}; unique within a {@link MonitorService}, not blank, at most
     *              100 characters
     * @param check the check to run; its exceptions and its time-outs count as failures
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if name is blank or longer than 100 characters
     */
    public static Builder builder(String name, HealthCheck check) {
        Objects.requireNonNull(check, "check");
        return new Builder(name, timeout -> check);
    }

    /**
     * Starts a monitor that sends {@code GET} to a URL and expects a 2xx status, with
     * {@link HttpCheck}'s defaults (no redirects followed, no keyword).
     *
     * @throws IllegalArgumentException if the name is invalid or url is not an absolute http or
     *                                  https URL
     */
    public static Builder http(String name, String url) {
        return http(name, HttpCheck.builder(url));
    }

    /**
     * Starts a monitor that runs an HTTP check configured on its builder: expected status range,
     * keyword present or absent, headers. The monitor's {@linkplain Builder#timeout timeout}
     * replaces the builder's, so the request is bounded by the same time as the check.
     *
     * <pre>{@code
     * Monitor.http("Web", HttpCheck.builder("https://pareto.fr").bodyContains("Pareto")).build();
     * }</pre>
     *
     * @param http the check's builder; {@link Builder#build()} sets its timeout and builds it
     */
    public static Builder http(String name, HttpCheck.Builder http) {
        Objects.requireNonNull(http, "http");
        return new Builder(name, timeout -> http.timeout(timeout).build());
    }

    /**
     * Starts a monitor that opens a TCP connection to {@code host:port}, bounded by the monitor's
     * timeout.
     *
     * @throws IllegalArgumentException if the name or host is invalid or port is outside 1 to 65535
     */
    public static Builder tcp(String name, String host, int port) {
        TcpCheck.builder(host, port);
        return new Builder(name, timeout -> TcpCheck.builder(host, port).timeout(timeout).build());
    }

    /** Returns the name shown on the status page and in notifications. */
    public String name() {
        return name;
    }

    /** Returns the check the monitor runs. */
    public HealthCheck check() {
        return check;
    }

    /**
     * Returns what the monitor watches, as shown in notifications, such as
     * {@code http://api:8080/health}. User names, passwords and secret-named query parameters of
     * URLs are masked.
     */
    public String target() {
        return target;
    }

    /** Returns the time between the planned starts of two checks while UP or DOWN. */
    public Duration interval() {
        return interval;
    }

    /** Returns how long one check may take before it counts as failed. */
    public Duration timeout() {
        return timeout;
    }

    /** Returns how many consecutive failed checks make the monitor DOWN, from 1 to {@value #MAX_DOWN_AFTER}. */
    public int downAfter() {
        return downAfter;
    }

    /** Returns the time between the planned starts of two checks while PENDING. */
    public Duration retryInterval() {
        return retryInterval;
    }

    /**
     * Returns how often a "still down" notification repeats while the monitor stays DOWN, or
     * {@link Duration#ZERO} when it is sent only once.
     */
    public Duration renotifyEvery() {
        return renotifyEvery;
    }

    /** Returns whether an UP notification follows a DOWN notification when the monitor recovers. */
    public boolean notifyRecovery() {
        return notifyRecovery;
    }

    /** Returns the response time above which a passing check counts as failed, if set. */
    public Optional<Duration> maxResponseTime() {
        return Optional.ofNullable(maxResponseTime);
    }

    /** Returns whether the monitor starts paused. */
    public boolean paused() {
        return paused;
    }

    /** Returns a builder that starts from this monitor's values and check. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, ignored -> check);
        builder.target = target;
        builder.interval = interval;
        builder.timeout = timeout;
        builder.downAfter = downAfter;
        builder.retryInterval = retryInterval;
        builder.renotifyEvery = renotifyEvery;
        builder.notifyRecovery = notifyRecovery;
        builder.maxResponseTime = maxResponseTime;
        builder.paused = paused;
        return builder;
    }

    @Override
    public String toString() {
        return "Monitor[" + name + " " + target + " every " + interval + "]";
    }

    private static String defaultTarget(HealthCheck check) {
        if (check instanceof HttpCheck http) {
            return http.url();
        }
        if (check instanceof TcpCheck tcp) {
            return tcp.host() + ":" + tcp.port();
        }
        return "check " + check.name();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds a {@link Monitor}. Not thread-safe; each setter validates its argument at once. */
    public static final class Builder {
        private final String name;
        private final Function<Duration, HealthCheck> checkFactory;
        private String target;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration timeout;
        private int downAfter = 1;
        private Duration retryInterval;
        private Duration renotifyEvery = Duration.ZERO;
        private boolean notifyRecovery = true;
        private Duration maxResponseTime;
        private boolean paused;

        private Builder(String name, Function<Duration, HealthCheck> checkFactory) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 100) {
                throw new IllegalArgumentException("Invalid monitor name \"" + name
                        + "\": give a name of 1 to 100 characters, such as \"API Health\"");
            }
            this.name = name.strip();
            this.checkFactory = checkFactory;
        }

        /**
         * Sets what the monitor watches, as shown in notifications. A URL's user name, password
         * and secret-named query parameters ({@code token}, {@code key}, {@code password}, ...)
         * are masked here, so the raw value is never stored. Default: the URL (without query
         * string) of an {@link HttpCheck}, {@code host:port} of a {@link TcpCheck}, otherwise
         * {@code check <check name>}.
         */
        public Builder target(String target) {
            this.target = Secrets.maskTarget(Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * Sets the time between the planned starts of two checks while UP or DOWN. Checks start on
         * a fixed-rate plan: a slow check does not shift later checks, and slots that pass while
         * a check is still running are skipped rather than run late. Default: 60 seconds.
         *
         * @throws IllegalArgumentException if interval is under 10 ms or over one day
         */
        public Builder interval(Duration interval) {
            this.interval = checkInterval("interval", interval);
            return this;
        }

        /**
         * Sets how long one check may take. A check still running then counts as failed with the
         * message {@code timed out after ...}; its thread is interrupted, and no second check of
         * this monitor starts until it returns. Default: 10 seconds, or the interval if shorter.
         *
         * @throws IllegalArgumentException if timeout is under 10 ms or over one hour
         */
        public Builder timeout(Duration timeout) {
            this.timeout = checkDuration("timeout", timeout, MAX_TIMEOUT);
            return this;
        }

        /**
         * Sets how many consecutive failed checks make the monitor DOWN and send a notification.
         * The failures before that leave it PENDING. Pareto alerts after 3. Uptime Kuma's
         * "retries" setting is this number minus one. Default: 1 (the first failure is DOWN).
         *
         * @throws IllegalArgumentException if failures is under 1 or over {@value #MAX_DOWN_AFTER}
         */
        public Builder downAfter(int failures) {
            if (failures < 1 || failures > MAX_DOWN_AFTER) {
                throw new IllegalArgumentException("Invalid downAfter " + failures
                        + ": give the number of consecutive failed checks that make the monitor DOWN, from 1 to "
                        + MAX_DOWN_AFTER);
            }
            this.downAfter = failures;
            return this;
        }

        /**
         * Sets the time between the planned starts of two checks while PENDING, so a failure is
         * confirmed sooner than the normal interval. Default: the interval.
         *
         * @throws IllegalArgumentException if retryInterval is under 10 ms or over one day
         */
        public Builder retryInterval(Duration retryInterval) {
            this.retryInterval = checkInterval("retryInterval", retryInterval);
            return this;
        }

        /**
         * Sets how often a "still down" notification repeats while the monitor stays DOWN; it
         * gives the number of failed checks so far. {@link Duration#ZERO} turns repeats off.
         * Default: off.
         *
         * @throws IllegalArgumentException if every is negative, or positive and under 10 ms
         */
        public Builder renotifyEvery(Duration every) {
            Objects.requireNonNull(every, "renotifyEvery");
            if (!every.isZero()) {
                checkInterval("renotifyEvery", every);
            }
            this.renotifyEvery = every;
            return this;
        }

        /** Sets whether an UP notification follows a DOWN notification on recovery. Default: true. */
        public Builder notifyRecovery(boolean notify) {
            this.notifyRecovery = notify;
            return this;
        }

        /**
         * Sets the response time above which a passing check counts as failed, with the message
         * {@code responded in 2.3 s, above the maximum of 1 s}. Default: none.
         *
         * @throws IllegalArgumentException if max is under 10 ms or over one hour
         */
        public Builder maxResponseTime(Duration max) {
            this.maxResponseTime = checkDuration("maxResponseTime", max, MAX_TIMEOUT);
            return this;
        }

        /** Sets whether the monitor starts paused, until {@link MonitorService#resume(String)}. Default: false. */
        public Builder paused(boolean paused) {
            this.paused = paused;
            return this;
        }

        /**
         * Builds the monitor, and its HTTP or TCP check with the monitor's timeout.
         *
         * @throws IllegalArgumentException if the check's builder rejects the timeout
         */
        public Monitor build() {
            return new Monitor(this);
        }

        private static Duration checkInterval(String what, Duration value) {
            return checkDuration(what, value, MAX_INTERVAL);
        }

        private static Duration checkDuration(String what, Duration value, Duration max) {
            Objects.requireNonNull(value, what);
            if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("Invalid " + what + " " + value + ": give a duration from 10 ms to "
                        + (max.equals(MAX_INTERVAL) ? "1 day" : "1 hour") + ", such as Duration.ofSeconds(60)");
            }
            return value;
        }
    }
}
