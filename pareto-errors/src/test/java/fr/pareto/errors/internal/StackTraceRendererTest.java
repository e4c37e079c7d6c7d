package fr.pareto.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTraceRendererTest {

    private final StackTraceRenderer renderer = new StackTraceRenderer(new Scrubber(List.of()), 100, 8, 64 * 1024);

    @Test
    void loneThrowableMatchesPrintStackTrace() {
        IllegalStateException failure = failure("order 42 not found", 40);

        assertThat(renderer.render(failure)).isEqualTo(printed(failure));
    }

    @Test
    void repeatedFailureGetsSameString() {
        String first = renderer.render(failure("order 42 not found", 40));
        String second = renderer.render(failure("order 42 not found", 40));

        assertThat(second).isSameAs(first);
    }

    @Test
    void newMessageOnSameFramesIsRenderedAgain() {
        renderer.render(failure("order 42 not found", 40));
        IllegalStateException other = failure("order 43 not found", 40);

        String text = renderer.render(other);

        assertThat(text).isEqualTo(printed(other));
    }

    @Test
    void causeAfterLoneThrowableKeepsItsLayout() {
        IllegalStateException lone = failure("order 42 not found", 40);
        renderer.render(lone);
        IllegalStateException wrapped = failure("lookup failed", 40);
        wrapped.initCause(failure("connection reset", 40));

        assertThat(renderer.render(wrapped)).isEqualTo(printed(wrapped));
    }

    @Test
    void loneThrowableIsCutAtLengthBound() {
        StackTraceRenderer small = new StackTraceRenderer(new Scrubber(List.of()), 100, 8, 512);

        String text = small.render(failure("order 42 not found", 40));

        assertThat(text).hasSize(512).endsWith("\n... [truncated]");
    }

    @Test
    void nullSummaryIsWorkedOut() {
        IllegalStateException failure = failure("order 42 not found", 3);

        assertThat(renderer.render(failure, null)).isEqualTo(printed(failure));
    }

    @Test
    void sharedFramesArrayChangeIsSeen() {
        StackTraceElement[] frames = {new StackTraceElement("com.example.shop.Orders", "load", "Orders.java", 1)};
        IllegalStateException failure = new IllegalStateException("order 42 not found") {
            @Override
            public StackTraceElement[] getStackTrace() {
                return frames;
            }
        };
        renderer.render(failure);

        // Only the file name changes, which the cache's hash leaves out.
        frames[0] = new StackTraceElement("com.example.shop.Orders", "load", "Moved.java", 1);

        assertThat(renderer.render(failure)).contains("at com.example.shop.Orders.load(Moved.java:1)");
    }

    @Test
    void cutsNeverSplitSurrogatePairs() {
        StackTraceRenderer small = new StackTraceRenderer(new Scrubber(List.of()), 100, 8, 512);
        String emoji = "\uD83D\uDE00";
        // Each shift moves the emoji by one char, so one of the two puts a pair across each cut.
        for (int messageShift = 0; messageShift < 2; messageShift++) {
            for (int methodShift = 0; methodShift < 2; methodShift++) {
                IllegalStateException failure = new IllegalStateException("x".repeat(messageShift) + emoji.repeat(300));
                StackTraceElement[] stack = new StackTraceElement[4];
                for (int i = 0; i < stack.length; i++) {
                    stack[i] = new StackTraceElement("com.example.shop.Service", "x".repeat(methodShift) + emoji.repeat(200),
                            "Service.java", i);
                }
                failure.setStackTrace(stack);

                String text = small.render(failure);

                assertThat(text).hasSizeLessThanOrEqualTo(512).endsWith("[truncated]");
                assertThat(loneSurrogateIn(text)).as("shifts %d and %d", messageShift, methodShift).isEqualTo(-1);
            }
        }
    }

    /** Returns the index of the first unpaired surrogate, or -1. */
    private static int loneSurrogateIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
                return i;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** Creates a failure with frames built by hand, which print without the module prefix that the JVM adds to its own frames. */
    private static IllegalStateException failure(String message, int frames) {
        IllegalStateException failure = new IllegalStateException(message);
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = new StackTraceElement("com.example.shop.Service" + (i % 4), "step" + i, "Service.java", 10 + i);
        }
        failure.setStackTrace(stack);
        return failure;
    }

    private static String printed(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
