package fr.pareto.errors;

import static fr.pareto.errors.Failures.frame;
import static fr.pareto.errors.Failures.withFrames;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private final ErrorTracker tracker = ErrorTracker.builder().name("fingerprint-test")
            .applicationPackages("com.acme").flushOnExit(false).build();

    @AfterEach
    void close() {
        tracker.close();
    }

    /** The same failure as one JVM run sees it, through a lambda, a CGLIB proxy and a reflective accessor. */
    private static IllegalStateException runA() {
        return withFrames(new IllegalStateException("order 1234 not found"),
                frame("com.acme.orders.OrderService", "lambda$work$1", 42),
                frame("com.acme.orders.OrderService$$Lambda$30/0x0000000800c0b000", "run", -1),
                frame("com.acme.orders.OrderService$$EnhancerBySpringCGLIB$$a1b2", "work", -1),
                frame("jdk.internal.reflect.GeneratedMethodAccessor123", "invoke", -1),
                frame("com.acme.web.OrderController$$EnhancerBySpringCGLIB$$77ff", "get", -1),
                frame("com.acme.web.OrderController", "get", 17),
                frame("org.springframework.web.servlet.DispatcherServlet", "doDispatch", 1089));
    }

    /** The same failure after a rebuild and a restart: new counters, addresses, hashes and line numbers. */
    private static IllegalStateException runB() {
        return withFrames(new IllegalStateException("order 98 not found"),
                frame("com.acme.orders.OrderService", "lambda$work$4", 47),
                frame("com.acme.orders.OrderService$$Lambda$112/0x00000008001a2c40", "run", -1),
                frame("com.acme.orders.OrderService$$EnhancerBySpringCGLIB$$c3d4e5", "work", -1),
                frame("jdk.internal.reflect.GeneratedMethodAccessor7", "invoke", -1),
                frame("com.acme.web.OrderController$$EnhancerBySpringCGLIB$$0a0a", "get", -1),
                frame("com.acme.web.OrderController", "get", 19),
                frame("org.springframework.web.servlet.DispatcherServlet", "doDispatch", 1090));
    }

    @Test
    void generatedNamesKeepFingerprint() {
        assertThat(tracker.fingerprint(runA())).isEqualTo(tracker.fingerprint(runB()));
    }

    @Test
    void fingerprintIsPinnedAcrossBuildsOfTheLibrary() {
        // A fixed value: a change here changes every group id that users have already stored.
        assertThat(tracker.fingerprint(runA())).isEqualTo("fe7c36e61209141c");
        assertThat(tracker.fingerprint(runA())).matches("[0-9a-f]{16}");
    }

    @Test
    void fingerprintTextHoldsOnlyStableNames() {
        String text = ErrorTrackerAccess.fingerprintText(runA());

        assertThat(text).contains("java.lang.IllegalStateException", "com.acme.orders.OrderService\nlambda$work\n",
                "com.acme.web.OrderController\nget\n");
        assertThat(text).doesNotContain("$$Lambda", "CGLIB", "GeneratedMethodAccessor", "0x", "42", "1234",
                "DispatcherServlet");
    }

    @Test
    void byteBuddyJavassistAndJdkProxiesAreSkipped() {
        IllegalStateException plain = withFrames(new IllegalStateException(),
                frame("com.acme.Repo", "load", 10),
                frame("com.acme.Api", "call", 20));
        IllegalStateException proxied = withFrames(new IllegalStateException(),
                frame("com.acme.Repo", "load", 11),
                frame("com.acme.Repo$ByteBuddy$Mock$9f8e", "load", -1),
                frame("com.acme.Repo_$$_jvst3a1_0", "load", -1),
                frame("com.acme.$Proxy12", "load", -1),
                frame("jdk.proxy2.$Proxy31", "call", -1),
                frame("com.acme.Api", "call", 21));

        assertThat(tracker.fingerprint(proxied)).isEqualTo(tracker.fingerprint(plain));
    }

    @Test
    void differentTypeOrPathGivesDifferentFingerprint() {
        IllegalStateException base = withFrames(new IllegalStateException(), frame("com.acme.Repo", "load", 10));
        IllegalArgumentException otherType = withFrames(new IllegalArgumentException(), frame("com.acme.Repo", "load", 10));
        IllegalStateException otherMethod = withFrames(new IllegalStateException(), frame("com.acme.Repo", "save", 10));

        assertThat(tracker.fingerprint(otherType)).isNotEqualTo(tracker.fingerprint(base));
        assertThat(tracker.fingerprint(otherMethod)).isNotEqualTo(tracker.fingerprint(base));
    }

    @Test
    void messageIsLeftOutByDefault() {
        assertThat(tracker.fingerprint(withFrames(new IllegalStateException("user 1 missing"), frame("com.acme.A", "a", 1))))
                .isEqualTo(tracker.fingerprint(withFrames(new IllegalStateException("totally different"), frame("com.acme.A", "a", 1))));
    }

    @Test
    void includedMessageStillIgnoresDigits() {
        try (ErrorTracker withMessage = ErrorTracker.builder().name("with-message").applicationPackages("com.acme")
                .includeMessage(true).flushOnExit(false).build()) {
            String user1 = withMessage.fingerprint(withFrames(new IllegalStateException("user 1 missing"), frame("com.acme.A", "a", 1)));
            String user2 = withMessage.fingerprint(withFrames(new IllegalStateException("user 20 missing"), frame("com.acme.A", "a", 1)));
            String other = withMessage.fingerprint(withFrames(new IllegalStateException("quota exceeded"), frame("com.acme.A", "a", 1)));

            assertThat(user1).isEqualTo(user2);
            assertThat(user1).isNotEqualTo(other);
        }
    }

    @Test
    void topFramesStandInWhenNoFrameIsInApp() {
        IllegalStateException parse = withFrames(new IllegalStateException(),
                frame("com.fasterxml.jackson.core.JsonParser", "parse", 10),
                frame("java.util.HashMap", "get", 20));
        IllegalStateException write = withFrames(new IllegalStateException(),
                frame("com.fasterxml.jackson.core.JsonGenerator", "write", 10),
                frame("java.util.HashMap", "get", 20));

        assertThat(tracker.fingerprint(parse)).isNotEqualTo(tracker.fingerprint(write));
    }

    @Test
    void causesArePartOfTheFingerprint() {
        RuntimeException timeout = withFrames(new RuntimeException("wrap",
                withFrames(new java.net.SocketTimeoutException(), frame("com.acme.Client", "read", 1))), frame("com.acme.Api", "call", 1));
        RuntimeException refused = withFrames(new RuntimeException("wrap",
                withFrames(new java.net.ConnectException(), frame("com.acme.Client", "read", 1))), frame("com.acme.Api", "call", 1));

        assertThat(tracker.fingerprint(timeout)).isNotEqualTo(tracker.fingerprint(refused));
    }

    @Test
    void withoutApplicationPackagesLibraryFramesAreSkipped() {
        try (ErrorTracker defaults = ErrorTracker.builder().name("defaults").flushOnExit(false).build()) {
            IllegalStateException viaJetty = withFrames(new IllegalStateException(),
                    frame("com.shop.Cart", "add", 1),
                    frame("org.eclipse.jetty.server.Handler", "handle", 100));
            IllegalStateException viaTomcat = withFrames(new IllegalStateException(),
                    frame("com.shop.Cart", "add", 1),
                    frame("org.apache.catalina.core.StandardWrapperValve", "invoke", 200));

            assertThat(defaults.fingerprint(viaJetty)).isEqualTo(defaults.fingerprint(viaTomcat));
        }
    }

    @Test
    void paretoApplicationCodeIsInAppByDefault() {
        try (ErrorTracker defaults = ErrorTracker.builder().name("pareto-defaults").flushOnExit(false).build()) {
            // Five identical library frames on top: only in-app frames can tell the two apart.
            StackTraceElement[] library = {
                frame("fr.pareto.errors.ErrorTracker", "capture", 1), frame("java.util.HashMap", "get", 1),
                frame("java.util.HashMap", "getNode", 1), frame("com.fasterxml.jackson.Json", "read", 1),
                frame("org.postgresql.Driver", "query", 1)};
            IllegalStateException viaProducts = withFrames(new IllegalStateException(), append(library,
                    frame("fr.pareto.api.Products", "list", 1)));
            IllegalStateException viaOffers = withFrames(new IllegalStateException(), append(library,
                    frame("fr.pareto.api.Offers", "list", 1)));

            assertThat(defaults.fingerprint(viaProducts)).isNotEqualTo(defaults.fingerprint(viaOffers));
        }
    }

    private static StackTraceElement[] append(StackTraceElement[] frames, StackTraceElement last) {
        StackTraceElement[] all = java.util.Arrays.copyOf(frames, frames.length + 1);
        all[frames.length] = last;
        return all;
    }
}
