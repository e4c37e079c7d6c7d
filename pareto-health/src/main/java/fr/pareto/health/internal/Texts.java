package fr.pareto.health.internal;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Formatting shared by checks and the runner: durations in messages and exception reasons with
 * credentials removed. Not part of the API.
 */
public final class Texts {

    // user:password@ in any URL-like text (jdbc:postgresql://u:p@host, redis://:p@host).
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
    // Oracle's jdbc:oracle:thin:user/password@host form.
    private static final Pattern ORACLE_CREDENTIALS = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:)[^@\\s]*@");
    // password=..., pwd=..., secret=..., token=... in query strings or property lists.
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)\\s*[=:]\\s*)[^&;,\\s)\"']+");

    private Texts() {
    }

    /** Formats a duration for a message: {@code 2 s} for whole seconds, {@code 250 ms} otherwise. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 1000 && millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }

    /** Removes credentials from free text: user information in URLs and password-like parameters. */
    public static String scrub(String text) {
        if (text == null) {
            return "";
        }
        String withoutUserInfo = URL_USER_INFO.matcher(text).replaceAll("$1***@");
        String withoutOracleCredentials = ORACLE_CREDENTIALS.matcher(withoutUserInfo).replaceAll("$1***@");
        return SECRET_PARAMETER.matcher(withoutOracleCredentials).replaceAll("$1***");
    }

    /**
     * Describes a failure as {@code SimpleClassName: message}, scrubbed of credentials, falling
     * back to the cause's message when the exception has none.
     */
    public static String reason(Throwable failure) {
        Throwable shown = failure;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        String type = shown.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + scrub(message);
    }
}
