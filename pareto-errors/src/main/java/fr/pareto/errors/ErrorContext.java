package fr.pareto.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What was going on when an error happened: method, path, request id and any other values the
 * caller adds. Keys and headers named like secrets are redacted when the context is recorded.
 *
 * <p>Immutable; entries keep their insertion order.
 */
public final class ErrorContext {

    private static final ErrorContext EMPTY = new ErrorContext(Map.of());

    private final Map<String, String> values;

    private ErrorContext(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns a context with no values. */
    public static ErrorContext empty() {
        return EMPTY;
    }

    /** Returns a copy of this context with one more value, replacing any value under that key. */
    public ErrorContext with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ErrorContext(copy);
    }

    /** Returns the values in insertion order. */
    public Map<String, String> values() {
        return values;
    }
}
