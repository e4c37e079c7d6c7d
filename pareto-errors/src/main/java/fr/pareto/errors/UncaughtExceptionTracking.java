package fr.pareto.errors;

import java.io.PrintStream;

/**
 * The JVM's default uncaught-exception handler while installed: it captures what a thread did not
 * catch, then hands the exception to the handler that was installed before. With no previous
 * handler, it prints {@code Exception in thread "name"} and the stack trace to
 * {@link System#err}, as the JVM does.
 *
 * <p>Get one from {@link ErrorTracker#installUncaughtExceptionHandler()}. Only one can be
 * installed at a time. {@link #close()} puts the previous handler back, but only when this one is
 * still the default: if someone installed another handler since, theirs is left in place.
 * Handlers set on a single thread or thread group take precedence over this one, as always.
 *
 * <p>Thread-safe.
 */
public final class UncaughtExceptionTracking implements Thread.UncaughtExceptionHandler, AutoCloseable {

    private static final Object LOCK = new Object();

    private final ErrorTracker tracker;
    private final Thread.UncaughtExceptionHandler previous;

    private UncaughtExceptionTracking(ErrorTracker tracker, Thread.UncaughtExceptionHandler previous) {
        this.tracker = tracker;
        this.previous = previous;
    }

    static UncaughtExceptionTracking install(ErrorTracker tracker) {
        synchronized (LOCK) {
            Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
            if (current instanceof UncaughtExceptionTracking installed) {
                throw new IllegalStateException("An uncaught-exception handler of error tracker \""
                        + installed.tracker.name() + "\" is already installed; close it before installing another");
            }
            UncaughtExceptionTracking handler = new UncaughtExceptionTracking(tracker, current);
            Thread.setDefaultUncaughtExceptionHandler(handler);
            return handler;
        }
    }

    /** Captures the exception with the thread's name as context, then chains as described above. */
    @Override
    public void uncaughtException(Thread thread, Throwable throwable) {
        try {
            tracker.capture(throwable, ErrorContext.of("thread", thread.getName()));
        } finally {
            if (previous != null) {
                previous.uncaughtException(thread, throwable);
            } else {
                printLikeTheJvm(thread, throwable);
            }
        }
    }

    /** Returns the handler that was the default before this one was installed, null when there was none. */
    public Thread.UncaughtExceptionHandler previous() {
        return previous;
    }

    /** Puts the previous handler back if this one is still the default. Idempotent. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (Thread.getDefaultUncaughtExceptionHandler() == this) {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
        }
    }

    /** Prints as {@link ThreadGroup#uncaughtException(Thread, Throwable)} does when no handler is set. */
    private static void printLikeTheJvm(Thread thread, Throwable throwable) {
        PrintStream err = System.err;
        err.print("Exception in thread \"" + thread.getName() + "\" ");
        throwable.printStackTrace(err);
    }
}
