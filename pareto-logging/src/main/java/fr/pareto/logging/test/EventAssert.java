package fr.pareto.logging.test;

import fr.pareto.logging.LogFields;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Assertions on one captured event; see {@link LogAssertions}. Numbers compare by value, so
 * {@code hasField("status", 200)} and {@code hasField("duration_ms", 12.5)} work whatever type the
 * parser chose. Immutable.
 */
public final class EventAssert {

    private final CapturedEvent event;

    EventAssert(CapturedEvent event) {
        this.event = event;
    }

    /** Asserts the {@code message} field. */
    public EventAssert hasMessage(String expected) {
        return hasField(LogFields.MESSAGE, expected);
    }

    /** Asserts the {@code level} field as written, such as {@code "error"}. */
    public EventAssert hasLevel(String expected) {
        return hasField(LogFields.LEVEL, expected);
    }

    /** Asserts that the top-level field exists, whatever its value. */
    public EventAssert hasField(String name) {
        if (!event.has(name)) {
            throw new AssertionError("Expected field '" + name + "' in " + event.json());
        }
        return this;
    }

    /**
     * Asserts that the top-level field exists and equals {@code expected}; numbers compare by value
     * and {@code null} expects JSON null.
     */
    public EventAssert hasField(String name, Object expected) {
        hasField(name);
        Object actual = event.fields().get(name);
        if (!sameValue(expected, actual)) {
            throw new AssertionError("Expected field '" + name + "' to be " + describe(expected) + " but was "
                    + describe(actual) + " in " + event.json());
        }
        return this;
    }

    /** Asserts that the top-level field is a string containing {@code part}. */
    public EventAssert hasFieldContaining(String name, String part) {
        Objects.requireNonNull(part, "part");
        hasField(name);
        Object actual = event.fields().get(name);
        if (!(actual instanceof String text) || !text.contains(part)) {
            throw new AssertionError("Expected field '" + name + "' to contain " + describe(part) + " but was "
                    + describe(actual) + " in " + event.json());
        }
        return this;
    }

    /** Asserts that no string in the line, field names included, contains {@code text}. */
    public EventAssert doesNotContain(String text) {
        Objects.requireNonNull(text, "text");
        if (event.json().contains(text)) {
            throw new AssertionError("Expected the line not to contain " + describe(text) + ": " + event.json());
        }
        return this;
    }

    /** Asserts that the top-level field is absent. */
    public EventAssert doesNotHaveField(String name) {
        if (event.has(name)) {
            throw new AssertionError("Expected no field '" + name + "' but it is " + describe(event.fields().get(name))
                    + " in " + event.json());
        }
        return this;
    }

    /** Returns the event under assertion, to go on with other assertion libraries. */
    public CapturedEvent event() {
        return event;
    }

    private static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            try {
                return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
            } catch (NumberFormatException notFinite) {
                return a.toString().equals(b.toString());
            }
        }
        return Objects.equals(expected, actual);
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
