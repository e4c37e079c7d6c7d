package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChainTest {

    private final ErrorTracker tracker = ErrorTracker.builder().name("chain-test").flushOnExit(false).build();

    @AfterEach
    void close() {
        tracker.close();
    }

    private static final class FailingResource implements AutoCloseable {
        @Override
        public void close() throws IOException {
            throw new IOException("close failed");
        }
    }

    private static Exception tryWithResources() {
        try (FailingResource resource = new FailingResource()) {
            throw new IllegalStateException("body failed");
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void suppressedRecordedPrimaryKeysGroup() {
        Exception primary = tryWithResources();
        IllegalStateException withoutSuppressed = new IllegalStateException("body failed");
        withoutSuppressed.setStackTrace(primary.getStackTrace());

        tracker.capture(primary);

        ErrorGroup group = tracker.groups().get(0);
        assertThat(group.type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(group.fingerprint()).isEqualTo(tracker.fingerprint(withoutSuppressed));
        assertThat(group.lastSample().stackTrace())
                .contains("java.lang.IllegalStateException: body failed")
                .contains("\tSuppressed: java.io.IOException: close failed");
    }

    @Test
    void causeCycleEndsAndIsMarked() {
        Throwable a = new Throwable("A");
        Throwable b = new Throwable("B", a);
        a.initCause(b);

        tracker.capture(a);

        String stackTrace = tracker.groups().get(0).lastSample().stackTrace();
        assertThat(stackTrace).contains("java.lang.Throwable: A", "Caused by: java.lang.Throwable: B",
                "[CIRCULAR REFERENCE: java.lang.Throwable: A]");
        assertThat(stackTrace.split("CIRCULAR REFERENCE", -1)).hasSize(2);
        assertThat(tracker.groups().get(0).fingerprint()).matches("[0-9a-f]{16}");
    }

    @Test
    void cycleFoundByIdentityNotEquals() {
        class NeverEqual extends RuntimeException {
            NeverEqual(String message) {
                super(message);
            }

            @Override
            public boolean equals(Object other) {
                return false;
            }

            @Override
            public int hashCode() {
                return 1;
            }
        }
        NeverEqual a = new NeverEqual("A");
        NeverEqual b = new NeverEqual("B");
        b.initCause(a);
        a.initCause(b);

        tracker.capture(a);

        assertThat(tracker.groups().get(0).lastSample().stackTrace()).contains("[CIRCULAR REFERENCE:");
    }

    @Test
    void deepChainIsCutAtTheDepthBound() {
        Throwable chain = new IllegalStateException("level 0");
        for (int i = 1; i < 500; i++) {
            chain = new IllegalStateException("level " + i, chain);
        }

        tracker.capture(chain);

        String stackTrace = tracker.groups().get(0).lastSample().stackTrace();
        assertThat(stackTrace).contains("level 499", "[exception chain truncated]").doesNotContain("level 489");
    }

    @Test
    void longTraceIsCutAtTheLengthBound() {
        try (ErrorTracker small = ErrorTracker.builder().name("chain-small").maxStackTraceLength(512)
                .flushOnExit(false).build()) {
            IllegalStateException e = new IllegalStateException("x".repeat(10_000));

            small.capture(e);

            String stackTrace = small.groups().get(0).lastSample().stackTrace();
            assertThat(stackTrace).hasSizeLessThanOrEqualTo(512).endsWith("[truncated]");
        }
    }

    @Test
    void manySuppressedExceptionsAreBounded() {
        IllegalStateException primary = new IllegalStateException("batch failed");
        for (int i = 0; i < 1000; i++) {
            primary.addSuppressed(new IllegalArgumentException("item " + i));
        }

        tracker.capture(primary);

        String stackTrace = tracker.groups().get(0).lastSample().stackTrace();
        assertThat(stackTrace).contains("item 0", "[exception chain truncated]").doesNotContain("item 999");
    }
}
