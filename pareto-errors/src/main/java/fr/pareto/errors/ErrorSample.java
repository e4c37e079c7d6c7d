package fr.pareto.errors;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded occurrence of an error, as kept with its group and shown by the errors endpoint.
 * Secrets are already redacted from every field.
 *
 * @param time when the occurrence was captured, from the tracker's clock
 * @param thread the name of the thread that captured it
 * @param error {@code ExceptionClass: message} of the primary throwable
 * @param stackTrace the bounded stack trace with causes and suppressed exceptions
 * @param context the scrubbed context, in insertion order
 */
public record ErrorSample(Instant time, String thread, String error, String stackTrace, Map<String, String> context) {

    /**
     * Creates a sample.
     *
     * @throws NullPointerException if any argument is null
     */
    public ErrorSample {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(stackTrace, "stackTrace");
        Objects.requireNonNull(context, "context");
        context = context.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }
}
