package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorContextTest {

    @Test
    void withReturnsACopyInInsertionOrder() {
        ErrorContext first = ErrorContext.of("method", "GET");
        ErrorContext second = first.with("path", "/a").with("method", "POST");

        assertThat(first.values()).containsExactly(Map.entry("method", "GET"));
        assertThat(second.values()).containsExactly(Map.entry("method", "POST"), Map.entry("path", "/a"));
    }

    @Test
    void invalidKeysAndValuesAreRejected() {
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("path", null);

        assertThatThrownBy(() -> ErrorContext.of("", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> ErrorContext.of(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> ErrorContext.of(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of path");
    }

    @Test
    void emptyContextIsEmpty() {
        assertThat(ErrorContext.empty().isEmpty()).isTrue();
        assertThat(ErrorContext.of("a", "b").isEmpty()).isFalse();
    }
}
