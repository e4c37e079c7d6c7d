package fr.pareto.logging.test;

import fr.pareto.logging.LogFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One captured event: the JSON line as written and its fields as parsed. Field values are what a
 * JSON parser gives: {@code String}, {@code Integer}, {@code Long}, {@code BigInteger},
 * {@code Double}, {@code Boolean}, {@code List}, {@code Map} or {@code null}. Immutable.
 */
public final class CapturedEvent {

    private final String json;
    private final Map<String, Object> fields;

    CapturedEvent(String json, Map<String, Object> fields) {
        this.json = Objects.requireNonNull(json, "json");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Returns the JSON line, without its newline. */
    public String json() {
        return json;
    }

    /** Returns every top-level field in line order; unmodifiable. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Returns the value of a top-level field, empty when absent or JSON null. */
    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(Objects.requireNonNull(name, "name")));
    }

    /** Returns the value of a top-level field as text ({@code String.valueOf}), empty when absent or null. */
    public Optional<String> string(String name) {
        return field(name).map(String::valueOf);
    }

    /** Returns whether the line has this top-level field, even with a null value. */
    public boolean has(String name) {
        return fields.containsKey(Objects.requireNonNull(name, "name"));
    }

    /** Returns {@code message}, or an empty string when the line has none. */
    public String message() {
        return string(LogFields.MESSAGE).orElse("");
    }

    /** Returns {@code level} as written ({@code info} in the default profile), or an empty string. */
    public String level() {
        return string(LogFields.LEVEL).orElse("");
    }

    /** Returns {@code logger}, or an empty string when the line has none. */
    public String logger() {
        return string(LogFields.LOGGER).orElse("");
    }

    /** Returns the JSON line. */
    @Override
    public String toString() {
        return json;
    }
}
