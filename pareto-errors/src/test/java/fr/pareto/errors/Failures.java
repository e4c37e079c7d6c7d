package fr.pareto.errors;

/** Builds throwables with fixed, synthetic stack traces. */
final class Failures {

    private Failures() {
    }

    static StackTraceElement frame(String className, String method, int line) {
        return new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", line);
    }

    static <T extends Throwable> T withFrames(T throwable, StackTraceElement... frames) {
        throwable.setStackTrace(frames);
        return throwable;
    }
}
