package fr.pareto.logging.test;

import java.util.Objects;

/**
 * Entry point of the fluent assertions on captured events, made to sit next to AssertJ's
 * {@code assertThat} (the argument types differ, so both static imports compile together):
 *
 * <pre>{@code
 * import static fr.pareto.logging.test.LogAssertions.assertThat;
 *
 * assertThat(logs).hasEvent("request handled")
 *         .hasLevel("info")
 *         .hasField("status", 200)
 *         .doesNotHaveField("password");
 * }</pre>
 *
 * <p>Failures throw {@link AssertionError} with the expected value, the actual one and the line.
 * No dependency on JUnit or AssertJ.
 */
public final class LogAssertions {

    private LogAssertions() {
    }

    /** Starts assertions on everything {@code capture} has captured so far. */
    public static CaptureAssert assertThat(LogCapture capture) {
        return new CaptureAssert(Objects.requireNonNull(capture, "capture").events());
    }

    /** Starts assertions on one event. */
    public static EventAssert assertThat(CapturedEvent event) {
        return new EventAssert(Objects.requireNonNull(event, "event"));
    }
}
