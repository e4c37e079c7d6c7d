package fr.pareto.errors.alerting;

/**
 * Checks whether pareto-alerting is present, without loading any of its classes, so that code can
 * decide to add an {@link AlertingErrorListener} only when it can work.
 *
 * <pre>{@code
 * if (AlertingSupport.isAvailable()) {
 *     builder.listener(AlertingErrorListener.of(alertSink));
 * }
 * }</pre>
 *
 * <p>Thread-safe; every method is static.
 */
public final class AlertingSupport {

    private static final String PROBE = "fr.pareto.alerting.AlertSink";

    private AlertingSupport() {
    }

    /** Returns whether {@code fr.pareto:pareto-alerting} can be loaded by this module's class loader. */
    public static boolean isAvailable() {
        try {
            Class.forName(PROBE, false, AlertingSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Checks that pareto-alerting is present.
     *
     * @throws IllegalStateException if it is not, with the dependency to add
     */
    public static void requireAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("Error alerts need fr.pareto:pareto-alerting, which is not on the class path"
                    + " or module path; add that dependency, or use another ErrorListener");
        }
    }
}
