package fr.pareto.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** Writes and renders field values the same way in every output. Thread-safe. */
public final class Values {

    /**
     * Serializes maps, collections, records and beans; throwables become their summary and an
     * {@code Optional} its content or {@code null}, at any depth.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
            .registerModule(new SimpleModule("pareto-values")
                    .addSerializer(new ThrowableSerializer())
                    .addSerializer(new OptionalSerializer()));

    private Values() {
    }

    /** Returns {@code ExceptionClass: message}, or the class name alone when there is no message. */
    public static String summary(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getName() + ": " + message;
    }

    /** Same as {@link #summary(Throwable)} for Logback's copy of a throwable. */
    public static String summary(IThrowableProxy error) {
        String message = error.getMessage();
        return message == null ? error.getClassName() : error.getClassName() + ": " + message;
    }

    /** Returns whether {@code value} is written as a JSON string through {@link #asText(Object)}. */
    static boolean isText(Object value) {
        return value instanceof CharSequence || value instanceof Enum<?> || value instanceof Character
                || value instanceof UUID || value instanceof TemporalAccessor || value instanceof Duration
                || value instanceof URI || value instanceof URL || value instanceof Class<?>;
    }

    /**
     * Writes {@code value} as the current JSON value: numbers as numbers, throwables as their
     * summary, {@code byte[]} as Base64 and other primitive arrays as JSON arrays, an
     * {@code Optional} as its content or {@code null}, structured values through Jackson. A value
     * Jackson cannot serialize, or an object without properties, is written as its
     * {@code toString()}, so the line is never lost.
     */
    static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            generator.writeNumber(integer);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Throwable error) {
            generator.writeString(summary(error));
        } else if (isText(value)) {
            generator.writeString(safeToString(value));
        } else if (value instanceof byte[] bytes) {
            // Jackson's default for byte[]: standard Base64 with padding and no line breaks.
            generator.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof char[] chars) {
            // Jackson's default for char[]: a string.
            generator.writeString(new String(chars));
        } else if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
            writePrimitiveArray(generator, value);
        } else if (value instanceof Optional<?> || value instanceof OptionalInt || value instanceof OptionalLong
                || value instanceof OptionalDouble) {
            write(generator, unwrap(value));
        } else if (value instanceof RawValue raw) {
            // Written as text: a raw value is not checked JSON, and copying it back from a token
            // buffer would call this method again with the same value.
            generator.writeString(safeToString(raw));
        } else {
            writeStructured(generator, value);
        }
    }

    private static void writePrimitiveArray(JsonGenerator generator, Object array) throws IOException {
        int length = Array.getLength(array);
        generator.writeStartArray();
        for (int i = 0; i < length; i++) {
            write(generator, Array.get(array, i));
        }
        generator.writeEndArray();
    }

    /** Returns the content of an {@code Optional} or its primitive kin, or {@code null} when empty. */
    private static Object unwrap(Object optional) {
        if (optional instanceof Optional<?> object) {
            return object.orElse(null);
        }
        if (optional instanceof OptionalInt number) {
            return number.isPresent() ? number.getAsInt() : null;
        }
        if (optional instanceof OptionalLong number) {
            return number.isPresent() ? number.getAsLong() : null;
        }
        OptionalDouble number = (OptionalDouble) optional;
        return number.isPresent() ? number.getAsDouble() : null;
    }

    private static void writeStructured(JsonGenerator generator, Object value) throws IOException {
        // Serialize into a buffer first: a failure halfway through must not leave half a value in the line.
        TokenBuffer buffer = new TokenBuffer(MAPPER, false);
        try {
            MAPPER.writeValue(buffer, value);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            generator.writeString(safeToString(value));
            return;
        }
        if (isEmptyBean(buffer, value)) {
            // An object without properties would be written as {}, so its toString() is written
            // instead, or the name of the exception that toString() threw.
            generator.writeString(safeToString(value));
            return;
        }
        try (JsonParser parser = buffer.asParser()) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        }
    }

    /** Returns whether the buffered value is {@code {}} from an object that is not a map. */
    private static boolean isEmptyBean(TokenBuffer buffer, Object value) throws IOException {
        if (buffer.firstToken() != JsonToken.START_OBJECT || value instanceof Map<?, ?>) {
            return false;
        }
        try (JsonParser lookahead = buffer.asParser()) {
            lookahead.nextToken();
            return lookahead.nextToken() == JsonToken.END_OBJECT;
        }
    }

    /** Returns {@code value.toString()}, or a description of its failure when it throws a runtime exception. */
    public static String safeToString(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            return String.valueOf(value);
        } catch (RuntimeException | StackOverflowError e) {
            return value.getClass().getName() + " (toString failed: " + e.getClass().getName() + ")";
        }
    }

    /** Renders {@code value} for the console: text as is, structured values as compact JSON. */
    public static String render(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || isText(value)) {
            return safeToString(value);
        }
        if (value instanceof Throwable error) {
            return summary(error);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        try {
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = MAPPER.createGenerator(out)) {
                write(generator, value);
            }
            return out.toString();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return safeToString(value);
        }
    }

    /** Writes an {@code Optional} inside a structured value as its content, or {@code null} when empty. */
    @SuppressWarnings("rawtypes")
    private static final class OptionalSerializer extends StdSerializer<Optional> {
        OptionalSerializer() {
            super(Optional.class);
        }

        @Override
        public void serialize(Optional value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(value.orElse(null), generator);
        }
    }

    private static final class ThrowableSerializer extends StdSerializer<Throwable> {
        ThrowableSerializer() {
            super(Throwable.class);
        }

        @Override
        public void serialize(Throwable value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(summary(value));
        }
    }
}
