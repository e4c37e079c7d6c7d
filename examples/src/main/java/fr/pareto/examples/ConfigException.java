package fr.pareto.examples;

/**
 * An environment variable holds a value the service cannot use. The message names the
 * variable, the rejected value (unless it may hold a secret) and the fix.
 */
public final class ConfigException extends IllegalArgumentException {

    /** Creates the exception with a message that names the variable and the fix. */
    public ConfigException(String message) {
        super(message);
    }
}
