package fr.pareto.reliability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for the property tests: strings with control characters, unpaired
 * surrogates, non-Latin scripts and lengths up to 70,000 characters; numbers at and past the
 * edges (NaN, infinities, extreme longs, huge big numbers); nested lists and maps, a map that
 * contains itself, and objects whose {@code toString} throws or returns null.
 */
final class Inputs {

    private static final List<String> SPECIAL_STRINGS = List.of(
            "", " ", "\t\n\r", "null", "\u0000", "\uD800", "\uDC00x", "a\uD83D", "\uD83D\uDE00\uD83D",
            "\u202E\u2066bidi", "\uFEFF\uFFFE\uFFFF", "\u2028\u2029", "@everyone", "@here ping", "<@123456789>",
            "${jndi:ldap://127.0.0.1/a}", "%s%n%x", "{}", "{\"a\":1}", "\"},{\"x\":\"", "\\", "\\u0000",
            "</script><script>alert(1)</script>", "message\n{\"level\":\"error\"}", "'; DROP TABLE products; --");

    private Inputs() {
    }

    /** Any string a user could pass, weighted toward the hostile cases. */
    static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(3, codePoints(60)),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u001f')
                        .withChars('\u007f', '\u0085', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDFFF', '"', '\\', '{', '}', '=', '?', '&')
                        .ofMaxLength(30)),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0400', '\u04ff').withCharRange('\u4e00', '\u9fff')
                        .withCharRange('\u0600', '\u06ff').withCharRange('\u0900', '\u097f').withChars(' ')
                        .ofMaxLength(120)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(3_000).ofMaxLength(70_000)),
                Tuple.of(2, Arbitraries.of(SPECIAL_STRINGS)));
    }

    /** Strings that are not blank, for values an API documents as required. */
    static Arbitrary<String> nonBlankStrings() {
        return strings().filter(text -> !text.isBlank());
    }

    /** Strings built from any code point, supplementary planes and lone surrogates included. */
    static Arbitrary<String> codePoints(int maxLength) {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .list().ofMaxSize(maxLength)
                .map(points -> {
                    StringBuilder text = new StringBuilder();
                    points.forEach(text::appendCodePoint);
                    return text.toString();
                });
    }

    /** Numbers at and past the edges, and ordinary ones. */
    static Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                        Double.MIN_VALUE, -0.0d, Float.NaN, Float.POSITIVE_INFINITY, Long.MAX_VALUE, Long.MIN_VALUE,
                        Integer.MIN_VALUE, new BigDecimal("1e400"), new BigDecimal("-1e-400"),
                        BigInteger.TWO.pow(300), new BigDecimal(Double.MAX_VALUE).multiply(BigDecimal.TEN)),
                Arbitraries.doubles().map(value -> (Object) value),
                Arbitraries.longs().map(value -> (Object) value));
    }

    /**
     * Generates a value of any shape: text, number, null, boolean, odd objects, lists and maps nested up to
     * 3 deep.
     */
    static Arbitrary<Object> values() {
        return nested(3);
    }

    private static Arbitrary<Object> nested(int depth) {
        Arbitrary<Object> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, strings().map(text -> (Object) text)),
                Tuple.of(3, numbers()),
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of(true, false).map(flag -> (Object) flag)),
                Tuple.of(2, oddObjects()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> nested(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf),
                Tuple.of(1, child.list().ofMaxSize(5).map(list -> (Object) new ArrayList<>(list))),
                Tuple.of(1, Arbitraries.maps(strings(), child).ofMaxSize(5).map(map -> (Object) new LinkedHashMap<>(map))));
    }

    /**
     * Objects that trip up serializers, as placeholders: jqwik hashes generated values, which a
     * list that contains itself would turn into a stack overflow inside jqwik, so
     * {@link #materialize(Object)} builds the real objects inside the property.
     */
    static Arbitrary<Object> oddObjects() {
        return Arbitraries.of(
                        "throwing toString", "null toString", "self-containing map", "self-containing list",
                        "char array", "byte array", "optional", "duration", "exception", "thread")
                .map(kind -> (Object) new Odd(kind));
    }

    /** A placeholder for an object that {@link #materialize(Object)} builds. */
    record Odd(String kind) {
    }

    /** Returns the value with every {@link Odd} placeholder, at any depth, replaced by its object. */
    static Object materialize(Object value) {
        if (value instanceof Odd odd) {
            return oddObject(odd.kind());
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(materialize(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, materialize(item)));
            return copy;
        }
        return value;
    }

    private static Object oddObject(String kind) {
        return switch (kind) {
            case "throwing toString" -> new Object() {
                @Override
                public String toString() {
                    throw new IllegalStateException("toString failed on purpose");
                }
            };
            case "null toString" -> new Object() {
                @Override
                public String toString() {
                    return null;
                }
            };
            case "self-containing map" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("self", map);
                yield map;
            }
            case "self-containing list" -> {
                List<Object> list = new ArrayList<>();
                list.add(list);
                yield list;
            }
            case "char array" -> new char[] {'a', '\uD800', '\u0000'};
            case "byte array" -> new byte[] {0, -1, 127, -128};
            case "optional" -> Optional.of("inside");
            case "duration" -> Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
            case "exception" -> new IllegalStateException("as a value \uD800");
            default -> Thread.currentThread();
        };
    }

    /** Durations at and past the edges, null included. */
    static Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                        Duration.ofSeconds(Long.MIN_VALUE), Duration.ofMillis(-5), Duration.ofDays(365 * 300L)),
                Arbitraries.longs().map(Duration::ofNanos),
                Arbitraries.just(null));
    }

    /** Throwables with hostile messages, causes that loop back, and deep suppressed chains. */
    static Arbitrary<Throwable> throwables() {
        return Arbitraries.oneOf(
                strings().map(message -> new RuntimeException(message)),
                strings().map(message -> new IllegalStateException(message, new java.io.IOException(message))),
                Arbitraries.create(NullPointerException::new),
                strings().map(Inputs::cyclicCause),
                strings().map(Inputs::deepSuppressed));
    }

    private static Throwable cyclicCause(String message) {
        RuntimeException first = new RuntimeException(message);
        IllegalStateException second = new IllegalStateException("caused by the first");
        first.initCause(second);
        second.initCause(first);
        first.addSuppressed(second);
        return first;
    }

    private static Throwable deepSuppressed(String message) {
        RuntimeException top = new RuntimeException(message);
        RuntimeException current = top;
        for (int i = 0; i < 200; i++) {
            RuntimeException next = new RuntimeException("level " + i);
            current.addSuppressed(next);
            current = next;
        }
        return top;
    }
}
