package fr.pareto.health.monitor.internal;

import fr.pareto.health.internal.Texts;

import java.util.regex.Pattern;

/**
 * Masks credentials in monitor targets and messages. Adds to the checks' own scrubbing (URL user
 * information, password and token parameters) the query parameters whose name merely contains a
 * secret word, such as {@code X-Api-Key} or {@code sig}, and webhook tokens in URL paths.
 */
public final class Secrets {

    /** The replacement for a masked value. */
    public static final String MASK = "***";

    // A parameter is secret when its name contains one of these words, case-insensitively, so
    // access_token, X-Api-Key and db_password are all masked.
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;][^=&#\\s]*?(?:token|key|secret|password|passwd|pwd|auth|signature|sig|credential|session)[^=&#\\s]*=)[^&#\\s]*",
            Pattern.CASE_INSENSITIVE);

    // Discord and Slack style webhook URLs carry their token as the last path segment.
    private static final Pattern WEBHOOK_TOKEN = Pattern.compile("(/webhooks/[^/\\s]+/)[^/?#\\s]+");

    private Secrets() {
    }

    /** Returns the text with every credential-looking part of the URLs in it replaced by {@value #MASK}. */
    public static String mask(String text) {
        String masked = Texts.scrub(text);
        masked = SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        return WEBHOOK_TOKEN.matcher(masked).replaceAll("$1" + MASK);
    }

    /** Returns a monitor target with its credentials masked, surrounding blanks removed. */
    public static String maskTarget(String target) {
        return mask(target.strip());
    }
}
