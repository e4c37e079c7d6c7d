package fr.pareto.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What was going on when an error happened: method, path, request id and any other values the
 * caller adds. The tracker redacts values under keys named like secrets (such as
 * {@code authorization}, {@code cookie}, {@code password}, {@code token}) and secret query
 * parameters inside values before it stores or logs them.
 *
 * <p>Keys become key-value pairs of the logged event, so snake_case keys fit the JSON log schema.
 * The tracker keeps the first 256 code points of a longer key, followed by {@code ...}, and
 * values of up to 1024 characters, also followed by {@code ...} when cut.
 * Immutable and thread-safe; entries keep their insertion order.
 */
public final class ErrorContext {

    /** Key for the HTTP method, such as {@code GET}. */
    public static final String METHOD = "method";
    /** Key for the request path without the query string, such as {@code /api/products}. */
    public static final String PATH = "path";
    /** Key for the query string, stored with secret parameters redacted. */
    public static final String QUERY = "query";
    /** Key for the request id, taken from the {@code X-Request-Id} header or the MDC. */
    public static final String REQUEST_ID = "request_id";

    private static final ErrorContext EMPTY = new ErrorContext(Map.of());

    private final Map<String, String> values;

    private ErrorContext(Map<String, String> values) {
        this.values = values;
    }

    /** Returns a context with no values. */
    public static ErrorContext empty() {
        return EMPTY;
    }

    /**
     * Returns a context with one value.
     *
     * @throws NullPointerException if key or value is null
     * @throws IllegalArgumentException if key is empty
     */
    public static ErrorContext of(String key, String value) {
        return EMPTY.with(key, value);
    }

    /**
     * Returns a context with a copy of the given values, in their iteration order.
     *
     * @throws NullPointerException if the map, a key or a value is null
     * @throws IllegalArgumentException if a key is empty
     */
    public static ErrorContext of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(checkKey(key), Objects.requireNonNull(value, "value of " + key)));
        return new ErrorContext(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a copy of this context with one more value, replacing any value under that key.
     *
     * @throws NullPointerException if key or value is null
     * @throws IllegalArgumentException if key is empty
     */
    public ErrorContext with(String key, String value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ErrorContext(Collections.unmodifiableMap(copy));
    }

    /** Returns the values in insertion order, unmodifiable and not yet scrubbed. */
    public Map<String, String> values() {
        return values;
    }

    /** Returns whether the context has no value. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Returns the keys only: values may hold secrets until the tracker scrubs them. */
    @Override
    public String toString() {
        return "ErrorContext" + values.keySet();
    }

    private static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Error context key must not be empty; use a snake_case name such as \"request_id\"");
        }
        return key;
    }
}
