package fr.pareto.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Secret values that the suite plants wherever a user could pass a secret, and the scan that
 * looks for them in what the libraries wrote. Each value is unique and made only of letters,
 * digits and {@code -}, so URL encoding and JSON escaping leave it unchanged and a plain
 * substring search finds any copy of it.
 */
final class Canaries {

    /** The token part of a Discord webhook URL. */
    static final String WEBHOOK_TOKEN = "cnryWebhookTok3n-7f3a9cQ1";
    /** A database password, in JDBC URLs and data source settings. */
    static final String DB_PASSWORD = "cnry-db-pass-51d0Zx";
    /** A Redis password, in {@code redis://:password@host} URLs. */
    static final String REDIS_PASSWORD = "cnry-redis-pw-88f1Kq";
    /** An SMTP password. */
    static final String SMTP_PASSWORD = "cnry-smtp-pw-6a21Rt";
    /** The credential of an {@code Authorization} header. */
    static final String AUTHORIZATION = "cnry-bearer-9e77c2Lm";
    /** The value of a session cookie. */
    static final String COOKIE = "cnry-cookie-4b18aaPw";
    /** The value of a {@code ?token=} query parameter. */
    static final String QUERY_TOKEN = "cnry-query-tok-c0ffeeJn";
    /** A password written inside a URL's user information, {@code scheme://user:password@host}. */
    static final String URL_PASSWORD = "cnry-url-pw-3d9eVb";

    /** Every canary with a short label for reports. */
    static final Map<String, String> ALL = Map.of(
            "webhook token", WEBHOOK_TOKEN,
            "database password", DB_PASSWORD,
            "redis password", REDIS_PASSWORD,
            "smtp password", SMTP_PASSWORD,
            "authorization header", AUTHORIZATION,
            "cookie header", COOKIE,
            "query token", QUERY_TOKEN,
            "url password", URL_PASSWORD);

    /** One canary found in one text. */
    record Finding(String canary, String source, String excerpt) {
    }

    private Canaries() {
    }

    /** Returns every canary that {@code text} contains, with an excerpt around the first copy. */
    static List<Finding> find(String source, String text) {
        List<Finding> findings = new ArrayList<>();
        if (text == null) {
            return findings;
        }
        for (Map.Entry<String, String> canary : ALL.entrySet()) {
            int at = text.indexOf(canary.getValue());
            if (at >= 0) {
                int from = Math.max(0, at - 120);
                int to = Math.min(text.length(), at + canary.getValue().length() + 40);
                findings.add(new Finding(canary.getKey(), source, text.substring(from, to)));
            }
        }
        return findings;
    }
}
