package fr.pareto.alerting.internal;

/**
 * Checks for optional dependencies before a class that needs them is loaded, so a missing jar
 * gives a message that names it instead of a {@link NoClassDefFoundError}.
 */
public final class OptionalDependencies {

    private OptionalDependencies() {
    }

    /**
     * Returns normally if the class can be loaded.
     *
     * @throws IllegalStateException naming the feature and the Maven artifact to add otherwise
     */
    public static void require(String className, String artifact, String feature) {
        try {
            Class.forName(className, false, OptionalDependencies.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(feature + " need " + artifact + " on the class path (class " + className
                    + " not found); add that dependency", e);
        }
    }
}
