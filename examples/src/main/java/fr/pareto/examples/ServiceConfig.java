package fr.pareto.examples;

import fr.pareto.examples.infra.DatabaseUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The example service's settings, read from environment variables.
 *
 * <p>Every value is checked when it is read: a bad value raises a {@link ConfigException} that
 * names the variable, the value (unless it may hold a secret) and the fix, so the service never
 * starts with a setting it silently replaced. {@link #toString()} hides passwords, tokens and
 * webhook URLs.
 *
 * @param port HTTP port, 0 to 65535; 0 picks a free port
 * @param databaseUrl PostgreSQL URL, credentials split off; empty starts embedded PostgreSQL
 * @param databaseUser user name; wins over a user name in the URL
 * @param databasePassword password; wins over a password in the URL
 * @param redisUrl {@code redis://} or {@code rediss://} URL; empty starts embedded Redis
 * @param discordWebhook Discord webhook for alerts; empty logs alerts only
 * @param smtp email alert settings; empty sends no email
 * @param logFormat JSON lines or the development console format
 * @param healthToken bearer token for detailed health and the error list, at least 16 characters;
 *     when empty, those endpoints return 404
 * @param monitorInterval time between two probes of each uptime monitor
 * @param metricsInterval time between two {@code catalog metrics} log events
 * @param scrapeTimeout bound on one product page fetch, connection included
 * @param scraperMinSuccessRate success rate over the recent scrapes below which
 *     {@code /health/scraper} answers 503, from 0 to 1
 */
public record ServiceConfig(
        int port,
        Optional<DatabaseUrl> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<URI> redisUrl,
        Optional<URI> discordWebhook,
        Optional<SmtpSettings> smtp,
        LogFormat logFormat,
        Optional<String> healthToken,
        Duration monitorInterval,
        Duration metricsInterval,
        Duration scrapeTimeout,
        double scraperMinSuccessRate) {

    /** Port used when {@code PORT} is unset. */
    public static final int DEFAULT_PORT = 8080;

    /** Log output format, from {@code PARETO_LOG_FORMAT}. */
    public enum LogFormat {
        /** One JSON object per line, for Loki. */
        JSON,
        /** Human-readable lines, for development. */
        CONSOLE
    }

    /**
     * Email alert settings, from the {@code PARETO_SMTP_*} and {@code PARETO_ALERT_EMAIL_*}
     * variables.
     *
     * @param host SMTP host
     * @param port SMTP port, 1 to 65535; 587 unless set
     * @param user login, if the server needs one
     * @param password password, if the server needs one
     * @param from sender address
     * @param to recipient addresses, at least one
     */
    public record SmtpSettings(String host, int port, Optional<String> user, Optional<String> password,
                               String from, List<String> to) {

        /** Copies the recipient list. */
        public SmtpSettings {
            to = List.copyOf(to);
        }

        @Override
        public String toString() {
            return "SmtpSettings[host=" + host + ", port=" + port + ", user=" + user.orElse("(none)")
                    + ", password=" + (password.isPresent() ? "***" : "(none)") + ", from=" + from + ", to=" + to + "]";
        }
    }

    /** Validates the ranges that the factory methods cannot express in their types. */
    public ServiceConfig {
        Objects.requireNonNull(logFormat, "logFormat");
        if (port < 0 || port > 65535) {
            throw new ConfigException("Invalid port " + port + ": use a number from 1 to 65535, or 0 for a free port");
        }
        if (scraperMinSuccessRate < 0 || scraperMinSuccessRate > 1 || Double.isNaN(scraperMinSuccessRate)) {
            throw new ConfigException("Invalid scraper success-rate threshold " + scraperMinSuccessRate
                    + ": use a fraction from 0 to 1, such as 0.5");
        }
    }

    /** Reads the settings from the process environment. */
    public static ServiceConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the settings from the given variables; blank values count as unset.
     *
     * @throws ConfigException naming the first variable whose value cannot be used
     */
    public static ServiceConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        EnvReader reader = new EnvReader(env);
        return new ServiceConfig(
                reader.port("PORT", DEFAULT_PORT),
                reader.databaseUrl("DATABASE_URL"),
                reader.text("DATABASE_USER"),
                reader.text("DATABASE_PASSWORD"),
                reader.redisUrl("REDIS_URL"),
                reader.secretHttpUrl("PARETO_DISCORD_WEBHOOK_URL"),
                reader.smtp(),
                reader.logFormat("PARETO_LOG_FORMAT"),
                reader.token("PARETO_HEALTH_TOKEN"),
                reader.duration("PARETO_MONITOR_INTERVAL", Duration.ofSeconds(60)),
                reader.duration("PARETO_METRICS_INTERVAL", Duration.ofSeconds(60)),
                reader.duration("PARETO_SCRAPE_TIMEOUT", Duration.ofSeconds(2)),
                reader.fraction("PARETO_SCRAPER_MIN_SUCCESS_RATE", 0.5));
    }

    /** Returns the Redis URL with its password replaced by {@code ***}, for logs. */
    public static String redact(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return uri.toString();
        }
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return uri.getScheme() + "://" + shown + "@" + uri.getHost() + ":" + uri.getPort()
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String toString() {
        return "ServiceConfig[port=" + port
                + ", database=" + databaseUrl.map(DatabaseUrl::redacted).orElse("embedded")
                + ", redis=" + redisUrl.map(ServiceConfig::redact).orElse("embedded")
                + ", discord=" + (discordWebhook.isPresent() ? "(set)" : "(none)")
                + ", smtp=" + smtp.map(SmtpSettings::toString).orElse("(none)")
                + ", logFormat=" + logFormat
                + ", healthToken=" + (healthToken.isPresent() ? "(set)" : "(none)")
                + ", monitorInterval=" + monitorInterval
                + ", metricsInterval=" + metricsInterval
                + ", scrapeTimeout=" + scrapeTimeout
                + ", scraperMinSuccessRate=" + scraperMinSuccessRate + "]";
    }

    /** Reads and checks single variables; each method names the variable in its errors. */
    private record EnvReader(Map<String, String> env) {

        Optional<String> text(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        Optional<String> token(String name) {
            Optional<String> value = text(name);
            if (value.isPresent() && (value.get().length() < 16 || value.get().chars().anyMatch(Character::isWhitespace))) {
                // The value is not echoed: it is a credential.
                throw new ConfigException("Invalid " + name + ": it has " + value.get().length()
                        + " characters or contains whitespace; use at least 16 characters without whitespace, "
                        + "such as the output of openssl rand -hex 32, or unset it to answer 404 on those endpoints");
            }
            return value;
        }

        int port(String name, int fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.get());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below with the range.
            }
            throw new ConfigException("Invalid " + name + " \"" + value.get()
                    + "\": set it to a port number from 1 to 65535 (0 picks a free port), or unset it for " + fallback);
        }

        Optional<DatabaseUrl> databaseUrl(String name) {
            return text(name).map(value -> DatabaseUrl.parse(name, value));
        }

        Optional<URI> redisUrl(String name) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String fix = ": expected redis://[user:password@]host:port[/db] or rediss:// for TLS, "
                    + "or unset it to start embedded Redis";
            URI uri;
            try {
                uri = new URI(value.get());
            } catch (URISyntaxException e) {
                throw new ConfigException("Invalid " + name + " (not a URL)" + fix);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                throw new ConfigException("Invalid " + name + " scheme \"" + scheme + "\"" + fix);
            }
            if (uri.getHost() == null || uri.getPort() < 1) {
                throw new ConfigException("Invalid " + name + " " + redact(uri) + " (host or port missing)" + fix);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (!path.isEmpty() && !path.equals("/") && !path.substring(1).matches("\\d{1,2}")) {
                throw new ConfigException("Invalid " + name + " database \"" + path.substring(1)
                        + "\": the path must be a database number such as /0" + fix);
            }
            return Optional.of(uri);
        }

        Optional<URI> secretHttpUrl(String name) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(value.get());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // Reported below; the value contains a token, so it is not echoed.
            }
            throw new ConfigException("Invalid " + name
                    + ": expected an https:// webhook URL as Discord shows it, or unset it to only log alerts");
        }

        Optional<SmtpSettings> smtp() {
            Optional<String> host = text("PARETO_SMTP_HOST");
            if (host.isEmpty()) {
                return Optional.empty();
            }
            int port = port("PARETO_SMTP_PORT", 587);
            if (port == 0) {
                throw new ConfigException("Invalid PARETO_SMTP_PORT \"0\": set the SMTP server's port, such as 587");
            }
            String from = text("PARETO_ALERT_EMAIL_FROM").orElseThrow(() -> new ConfigException(
                    "Missing PARETO_ALERT_EMAIL_FROM: email alerts need a sender address when PARETO_SMTP_HOST is set"));
            List<String> to = text("PARETO_ALERT_EMAIL_TO")
                    .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                    .orElse(List.of());
            if (to.isEmpty()) {
                throw new ConfigException("Missing PARETO_ALERT_EMAIL_TO: email alerts need at least one recipient "
                        + "(comma-separated) when PARETO_SMTP_HOST is set");
            }
            checkEmailAddress("PARETO_ALERT_EMAIL_FROM", from);
            to.forEach(address -> checkEmailAddress("PARETO_ALERT_EMAIL_TO", address));
            return Optional.of(new SmtpSettings(host.get(), port, text("PARETO_SMTP_USER"),
                    text("PARETO_SMTP_PASSWORD"), from, to));
        }

        private static void checkEmailAddress(String name, String address) {
            if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new ConfigException("Invalid email address \"" + address + "\" in " + name
                        + ": expected name@domain");
            }
        }

        LogFormat logFormat(String name) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return LogFormat.JSON;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "json" -> LogFormat.JSON;
                case "console" -> LogFormat.CONSOLE;
                default -> throw new ConfigException("Invalid " + name + " \"" + value.get()
                        + "\": use json or console, or unset it for json");
            };
        }

        Duration duration(String name, Duration fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            Duration parsed = Durations.parse(value.get()).orElseThrow(() -> new ConfigException("Invalid " + name
                    + " \"" + value.get() + "\": use a positive duration such as 500ms, 10s, 5m or 1h, or unset it for "
                    + Durations.format(fallback)));
            if (parsed.isZero() || parsed.isNegative()) {
                throw new ConfigException("Invalid " + name + " \"" + value.get()
                        + "\": the duration must be positive, such as 10s");
            }
            return parsed;
        }

        double fraction(String name, double fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                double parsed = Double.parseDouble(value.get());
                if (parsed >= 0 && parsed <= 1) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // Reported below with the range.
            }
            throw new ConfigException("Invalid " + name + " \"" + value.get()
                    + "\": use a fraction from 0 to 1 such as 0.5, or unset it for " + fallback);
        }
    }
}
