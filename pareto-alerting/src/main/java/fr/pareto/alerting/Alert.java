package fr.pareto.alerting;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert: what happened, how bad it is, and where it came from.
 *
 * <p>Instances are immutable and thread-safe. Build them with {@link #builder(String)}:
 *
 * <pre>{@code
 * Alert alert = Alert.builder("API Health is down")
 *         .severity(Severity.ERROR)
 *         .description("GET http://api:8080/health answered 503")
 *         .field("Monitor", "API Health")
 *         .source("uptime")
 *         .build();
 * }</pre>
 *
 * <p>Text is stored as given. Notifiers apply their own limits (Discord's field lengths, for
 * example) when they send, so one alert can go to several channels.
 */
public final class Alert {

    /** A name and value shown under the description, such as {@code Monitor: API Health}. */
    public record Field(String name, String value, boolean inline) {
        /**
         * Creates a field.
         *
         * @throws NullPointerException if name or value is null
         */
        public Field {
            Objects.requireNonNull(name, "field name");
            Objects.requireNonNull(value, "field value");
        }
    }

    private final String title;
    private final String description;
    private final Severity severity;
    private final int color;
    private final List<Field> fields;
    private final String source;
    private final Instant timestamp;
    private final URI link;
    private final String deduplicationKey;

    private Alert(Builder builder) {
        this.title = builder.title;
        this.description = builder.description;
        this.severity = builder.severity;
        this.color = builder.color == null ? builder.severity.color() : builder.color;
        this.fields = List.copyOf(builder.fields);
        this.source = builder.source;
        this.timestamp = builder.timestamp == null ? Instant.now(Clock.systemUTC()) : builder.timestamp;
        this.link = builder.link;
        this.deduplicationKey = builder.deduplicationKey == null
                ? severity.jsonName() + '|' + (source == null ? "" : source) + '|' + title
                : builder.deduplicationKey;
    }

    /**
     * Starts an alert with the given title.
     *
     * @param title a short summary, such as {@code API Health is down}; not null or blank
     * @throws NullPointerException if title is null
     * @throws IllegalArgumentException if title is blank
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Returns the short summary. */
    public String title() {
        return title;
    }

    /** Returns the longer text, empty when none was given. */
    public String description() {
        return description;
    }

    /** Returns the severity, {@link Severity#ERROR} unless set. */
    public Severity severity() {
        return severity;
    }

    /** Returns the colour as a 24-bit RGB integer: the custom colour if set, else the severity's. */
    public int color() {
        return color;
    }

    /** Returns the fields in the order they were added. */
    public List<Field> fields() {
        return fields;
    }

    /** Returns the service or monitor that raised the alert, if given. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** Returns when the alert was raised, in UTC; the build time unless set. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Returns a link to more detail (a dashboard, a status page), if given. */
    public Optional<URI> link() {
        return Optional.ofNullable(link);
    }

    /**
     * Returns the key under which identical alerts are deduplicated. Unless set, it is made of
     * the severity, the source and the title, so the same failure reported twice collapses.
     */
    public String deduplicationKey() {
        return deduplicationKey;
    }

    /** Returns a builder that starts from this alert's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(title)
                .description(description)
                .severity(severity)
                .timestamp(timestamp)
                .deduplicationKey(deduplicationKey);
        builder.color = color == severity.color() ? null : color;
        builder.fields.addAll(fields);
        builder.source = source;
        builder.link = link;
        return builder;
    }

    @Override
    public String toString() {
        return "Alert[" + severity.label() + " " + title + (source == null ? "" : " from " + source) + "]";
    }

    /** Builds an {@link Alert}. Not thread-safe; each setter validates its argument at once. */
    public static final class Builder {
        private final String title;
        private String description = "";
        private Severity severity = Severity.ERROR;
        private Integer color;
        private final List<Field> fields = new ArrayList<>();
        private String source;
        private Instant timestamp;
        private URI link;
        private String deduplicationKey;

        private Builder(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank()) {
                throw new IllegalArgumentException("Alert title must not be blank; give a short summary such as \"API Health is down\"");
            }
            this.title = title;
        }

        /** Sets the longer text. Default: empty. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Sets the severity. Default: {@link Severity#ERROR}. */
        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /**
         * Overrides the severity's colour.
         *
         * @param rgb a 24-bit RGB integer from 0 to 0xFFFFFF
         * @throws IllegalArgumentException if rgb is outside that range
         */
        public Builder color(int rgb) {
            if (rgb < 0 || rgb > 0xFFFFFF) {
                throw new IllegalArgumentException("Invalid alert colour " + rgb + " (0x" + Integer.toHexString(rgb)
                        + "): a colour is an RGB integer from 0 to 0xFFFFFF");
            }
            this.color = rgb;
            return this;
        }

        /** Adds a field shown inline (side by side with its neighbours where the channel can). */
        public Builder field(String name, String value) {
            return field(name, value, true);
        }

        /** Adds a field. */
        public Builder field(String name, String value, boolean inline) {
            fields.add(new Field(name, value, inline));
            return this;
        }

        /** Sets the service or monitor that raised the alert. Default: none. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Sets when the alert was raised. Default: the time {@link #build()} is called. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        /** Sets a link to more detail. Default: none. */
        public Builder link(URI link) {
            this.link = Objects.requireNonNull(link, "link");
            return this;
        }

        /** Sets the deduplication key. Default: severity, source and title together. */
        public Builder deduplicationKey(String key) {
            Objects.requireNonNull(key, "deduplicationKey");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("Deduplication key must not be empty; leave it unset to derive one from the title");
            }
            this.deduplicationKey = key;
            return this;
        }

        /** Builds the alert. */
        public Alert build() {
            return new Alert(this);
        }
    }
}
