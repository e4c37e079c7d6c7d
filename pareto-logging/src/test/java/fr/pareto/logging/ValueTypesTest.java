package fr.pareto.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.logging.test.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Key-value types that Jackson does not write well by default: arrays, optionals, empty objects. */
class ValueTypesTest {

    private static final Logger log = LoggerFactory.getLogger(ValueTypesTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode logOne(String key, Object value) throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            log.atInfo().addKeyValue(key, value).addKeyValue("keep", "me").log("typed value");

            assertThat(logs.lines()).hasSize(1);
            JsonNode line = JSON.readTree(logs.lines().get(0));
            assertThat(line.has("encoding_error")).as("encoding_error in %s", line).isFalse();
            assertThat(line.path("keep").asText()).isEqualTo("me");
            return line.get(key);
        }
    }

    @Test
    void byteArrayIsBase64() throws Exception {
        assertThat(logOne("payload", new byte[] {1, 2, 3}).asText()).isEqualTo("AQID");
        assertThat(logOne("payload", new byte[] {0, -1, 127, -128}).asText()).isEqualTo("AP9/gA==");
        assertThat(logOne("payload", new byte[0]).asText()).isEmpty();
    }

    @Test
    void byteArrayInsideMapIsBase64() throws Exception {
        JsonNode value = logOne("body", Map.of("bytes", new byte[] {1, 2, 3}));

        assertThat(value.path("bytes").asText()).isEqualTo("AQID");
    }

    @Test
    void byteArraysInsideListAreBase64() throws Exception {
        JsonNode value = logOne("chunks", List.of(new byte[] {1, 2, 3}, new byte[] {4}));

        assertThat(value.toString()).isEqualTo("[\"AQID\",\"BA==\"]");
    }

    @Test
    void primitiveArraysAreJsonArrays() throws Exception {
        assertThat(logOne("ints", new int[] {1, -2, 3}).toString()).isEqualTo("[1,-2,3]");
        assertThat(logOne("longs", new long[] {Long.MAX_VALUE}).toString()).isEqualTo("[" + Long.MAX_VALUE + "]");
        assertThat(logOne("shorts", new short[] {7}).toString()).isEqualTo("[7]");
        assertThat(logOne("doubles", new double[] {1.5, Double.NaN}).toString()).isEqualTo("[1.5,\"NaN\"]");
        assertThat(logOne("floats", new float[] {0.5f}).toString()).isEqualTo("[0.5]");
        assertThat(logOne("flags", new boolean[] {true, false}).toString()).isEqualTo("[true,false]");
        assertThat(logOne("empty", new int[0]).toString()).isEqualTo("[]");
    }

    @Test
    void arraysUnderSecretNamesAreMasked() throws Exception {
        assertThat(logOne("private_key", new byte[] {1, 2, 3}).asText()).isEqualTo("***");
        assertThat(logOne("password", new char[] {'p', 'w'}).asText()).isEqualTo("***");
        assertThat(logOne("token", new int[] {1, 2}).asText()).isEqualTo("***");
    }

    @Test
    void charArrayIsString() throws Exception {
        assertThat(logOne("letters", new char[] {'a', 'b'}).asText()).isEqualTo("ab");
    }

    @Test
    void objectArrayIsJsonArray() throws Exception {
        assertThat(logOne("names", new String[] {"a", "b"}).toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(logOne("grid", new int[][] {{1}, {2, 3}}).toString()).isEqualTo("[[1],[2,3]]");
    }

    @Test
    void optionalIsItsContentOrNull() throws Exception {
        assertThat(logOne("present", Optional.of("x")).asText()).isEqualTo("x");
        assertThat(logOne("absent", Optional.empty()).isNull()).isTrue();
        assertThat(logOne("number", OptionalInt.of(4)).asInt()).isEqualTo(4);
        assertThat(logOne("no_number", OptionalInt.empty()).isNull()).isTrue();
        assertThat(logOne("nested", Map.of("inner", Optional.of(5))).toString()).isEqualTo("{\"inner\":5}");
    }

    @Test
    void objectWithoutPropertiesIsItsToString() throws Exception {
        Object plain = new Object() {
            @Override
            public String toString() {
                return "plain thing";
            }
        };

        assertThat(logOne("thing", plain).asText()).isEqualTo("plain thing");
    }

    @Test
    void throwingToStringNamesExceptionClass() throws Exception {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("no text");
            }
        };

        assertThat(logOne("thing", broken).asText())
                .contains("toString failed: java.lang.UnsupportedOperationException")
                .isNotEqualTo("{}");
    }

    @Test
    void emptyMapStaysEmptyObject() throws Exception {
        assertThat(logOne("map", Map.of()).toString()).isEqualTo("{}");
    }
}
