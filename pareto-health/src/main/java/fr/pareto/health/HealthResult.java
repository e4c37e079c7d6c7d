package fr.pareto.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one check: a status, an optional message, details such as observed values,
 * how long the check took, and when it ran.
 *
 * <p>Immutable. Details keep their insertion order. Messages and details are shown only to
 * callers allowed to see them, so they may name hosts and measured values, but must never hold
 * credentials.
 */
public final class HealthResult {

    private final HealthStatus status;
    private final String message;
    private final Map<String, Object> details;
    private final Duration duration;
    private final Instant time;

    private HealthResult(HealthStatus status, String message, Map<String, Object> details, Duration duration, Instant time) {
        this.status = Objects.requireNonNull(status, "status");
        this.message = message;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.duration = duration;
        this.time = time;
    }

    /** Returns a result with status {@link HealthStatus#OK} and no message. */
    public static HealthResult ok() {
        return new HealthResult(HealthStatus.OK, null, Map.of(), null, null);
    }

    /** Returns a result with status {@link HealthStatus#OK} and the given message. */
    public static HealthResult ok(String message) {
        return new HealthResult(HealthStatus.OK, Objects.requireNonNull(message, "message"), Map.of(), null, null);
    }

    /** Returns a result with status {@link HealthStatus#DEGRADED} and the given message. */
    public static HealthResult degraded(String message) {
        return new HealthResult(HealthStatus.DEGRADED, Objects.requireNonNull(message, "message"), Map.of(), null, null);
    }

    /** Returns a result with status {@link HealthStatus#ERROR} and the given message. */
    public static HealthResult error(String message) {
        return new HealthResult(HealthStatus.ERROR, Objects.requireNonNull(message, "message"), Map.of(), null, null);
    }

    /** Starts a result with the given status. */
    public static Builder builder(HealthStatus status) {
        return new Builder(status);
    }

    /** Returns the verdict. */
    public HealthStatus status() {
        return status;
    }

    /** Returns the human-readable reason, if any, such as {@code timed out after 2 s}. */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    /** Returns observed values, such as {@code free_bytes}, in insertion order. */
    public Map<String, Object> details() {
        return details;
    }

    /** Returns how long the check took, once the runner has measured it. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** Returns when the check started, once the runner has set it. */
    public Optional<Instant> time() {
        return Optional.ofNullable(time);
    }

    /** Returns a copy with the given duration and start time, as the runner measured them. */
    public HealthResult withTiming(Duration duration, Instant time) {
        return new HealthResult(status, message, details, Objects.requireNonNull(duration, "duration"),
                Objects.requireNonNull(time, "time"));
    }

    /** Returns a builder that starts from this result's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(status);
        builder.message = message;
        builder.details.putAll(details);
        builder.duration = duration;
        builder.time = time;
        return builder;
    }

    @Override
    public String toString() {
        return "HealthResult[" + status.jsonName() + (message == null ? "" : ": " + message) + "]";
    }

    /** Builds a {@link HealthResult}. Not thread-safe. */
    public static final class Builder {
        private final HealthStatus status;
        private String message;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private Duration duration;
        private Instant time;

        private Builder(HealthStatus status) {
            this.status = Objects.requireNonNull(status, "status");
        }

        /** Sets the human-readable reason. */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /**
         * Adds an observed value. Values are written to JSON: use strings, numbers, booleans,
         * lists or maps of those.
         */
        public Builder detail(String key, Object value) {
            details.put(Objects.requireNonNull(key, "detail key"), Objects.requireNonNull(value, "detail value"));
            return this;
        }

        /** Sets how long the check took. Default: measured by the runner. */
        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Sets when the check started. Default: set by the runner. */
        public Builder time(Instant time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Builds the result. */
        public HealthResult build() {
            return new HealthResult(status, message, details, duration, time);
        }
    }
}
