package fr.pareto.benchmarks.errors;

/**
 * An exception with a fixed 50-frame stack: 20 frames of application code under 30 frames of
 * Jetty, Spring and JDK code, as a request handler's failure looks. It skips the JVM's stack walk,
 * so each benchmark measures what its library does with an exception, not how the exception was
 * made.
 */
final class FiftyFrameException extends RuntimeException {

    static final String APPLICATION_PACKAGE = "com.example.shop";

    private static final StackTraceElement[] FRAMES = frames();

    FiftyFrameException(String message) {
        this(message, FRAMES);
    }

    FiftyFrameException(String message, StackTraceElement[] frames) {
        super(message);
        setStackTrace(frames);
    }

    /**
     * Returns {@code count} stacks that differ from the fixed one, and from each other, only in the
     * line number of their top frame: the same failure seen from many call sites, which no cache of
     * recent stacks can hold when {@code count} is large.
     */
    static StackTraceElement[][] distinctStacks(int count) {
        StackTraceElement[][] stacks = new StackTraceElement[count][];
        for (int i = 0; i < count; i++) {
            StackTraceElement[] frames = FRAMES.clone();
            StackTraceElement top = frames[0];
            frames[0] = new StackTraceElement(top.getClassName(), top.getMethodName(), top.getFileName(), 1000 + i);
            stacks[i] = frames;
        }
        return stacks;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static StackTraceElement[] frames() {
        StackTraceElement[] frames = new StackTraceElement[50];
        String[] application = {"OrderRepository", "OrderService", "PricingService", "CartService", "CheckoutController"};
        for (int i = 0; i < 20; i++) {
            String type = application[i % application.length];
            frames[i] = new StackTraceElement(APPLICATION_PACKAGE + "." + type, "step" + i, type + ".java", 40 + i);
        }
        String[] framework = {
            "org.springframework.web.servlet.DispatcherServlet", "org.springframework.web.servlet.FrameworkServlet",
            "jakarta.servlet.http.HttpServlet", "org.eclipse.jetty.ee10.servlet.ServletHolder",
            "org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd", "org.eclipse.jetty.server.Server",
            "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "java.lang.Thread"};
        for (int i = 20; i < 50; i++) {
            String type = framework[i % framework.length];
            frames[i] = new StackTraceElement(type, "handle" + (i % 3), type.substring(type.lastIndexOf('.') + 1) + ".java", 100 + i);
        }
        return frames;
    }
}
