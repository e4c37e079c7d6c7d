package fr.pareto.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void renderWritesByteArrayAsBase64() {
        assertThat(Values.render(new byte[] {1, 2, 3})).isEqualTo("AQID");
    }

    @Test
    void renderWritesPrimitiveArrayAsJson() {
        assertThat(Values.render(new int[] {1, 2})).isEqualTo("[1,2]");
    }

    @Test
    void renderUnwrapsOptional() {
        assertThat(Values.render(Optional.of(Map.of("a", 1)))).isEqualTo("{\"a\":1}");
        assertThat(Values.render(Optional.empty())).isEqualTo("null");
    }

    @Test
    void renderNamesFailureOfToString() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };

        assertThat(Values.render(broken)).contains("toString failed: java.lang.IllegalStateException");
    }
}
