package fr.pareto.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    @Test
    void emptyEnvironmentGivesDefaults() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.discordWebhook()).isEmpty();
        assertThat(config.smtp()).isEmpty();
        assertThat(config.logFormat()).isEqualTo(ServiceConfig.LogFormat.JSON);
        assertThat(config.healthToken()).isEmpty();
        assertThat(config.monitorInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.scrapeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.scraperMinSuccessRate()).isEqualTo(0.5);
    }

    @Test
    void blankValuesCountAsUnset() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PORT", " ", "REDIS_URL", ""));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.redisUrl()).isEmpty();
    }

    @Test
    void badPortNamesValueAndFix() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PORT", "80a")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORT \"80a\"")
                .hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PORT", "70000")))
                .hasMessageContaining("PORT \"70000\"");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PORT", "-1")))
                .hasMessageContaining("PORT \"-1\"");
    }

    @Test
    void portZeroPicksFreePort() {
        assertThat(ServiceConfig.fromEnvironment(Map.of("PORT", "0")).port()).isZero();
    }

    @Test
    void databaseUrlMustBePostgresWithoutEchoingIt() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("DATABASE_URL", "mysql://u:hunter2@db/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void databaseUrlCredentialsAreSplitOffAndHidden() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://u:hunter2@db/x"));

        assertThat(config.databaseUrl()).hasValueSatisfying(url -> {
            assertThat(url.driverUrl()).isEqualTo("jdbc:postgresql://db/x");
            assertThat(url.password()).contains("hunter2");
        });
        assertThat(config.toString()).contains("database=jdbc:postgresql://u:***@db/x").doesNotContain("hunter2");
    }

    @Test
    void redisUrlIsParsedAndChecked() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("REDIS_URL", "rediss://app:s3cret@cache.internal:6380/2"));

        assertThat(config.redisUrl()).contains(URI.create("rediss://app:s3cret@cache.internal:6380/2"));
        assertThat(config.toString()).contains("rediss://app:***@cache.internal:6380/2").doesNotContain("s3cret");

        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("REDIS_URL", "http://cache:6379")))
                .hasMessageContaining("REDIS_URL scheme \"http\"");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("REDIS_URL", "redis://:pw@cache")))
                .hasMessageContaining("host or port missing")
                .hasMessageNotContaining(":pw@");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("REDIS_URL", "redis://cache:6379/main")))
                .hasMessageContaining("database \"main\"");
    }

    @Test
    void webhookIsNeverEchoed() {
        String webhook = "https://discord.com/api/webhooks/123/SECRET-TOKEN";
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PARETO_DISCORD_WEBHOOK_URL", webhook,
                "PARETO_HEALTH_TOKEN", "health-secret-0123456789"));

        assertThat(config.discordWebhook()).contains(URI.create(webhook));
        assertThat(config.toString()).doesNotContain("SECRET-TOKEN").doesNotContain("health-secret");
    }

    @Test
    void shortHealthTokenIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_HEALTH_TOKEN", "letmein")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARETO_HEALTH_TOKEN")
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("letmein");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_HEALTH_TOKEN", "sixteen chars ok!")))
                .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_DISCORD_WEBHOOK_URL", "ftp://x/SECRET")))
                .hasMessageContaining("PARETO_DISCORD_WEBHOOK_URL")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void smtpNeedsSenderAndRecipients() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_SMTP_HOST", "smtp.example")))
                .hasMessageContaining("Missing PARETO_ALERT_EMAIL_FROM");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_SMTP_HOST", "smtp.example",
                "PARETO_ALERT_EMAIL_FROM", "alerts@pareto.example")))
                .hasMessageContaining("Missing PARETO_ALERT_EMAIL_TO");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_SMTP_HOST", "smtp.example",
                "PARETO_ALERT_EMAIL_FROM", "alerts@pareto.example", "PARETO_ALERT_EMAIL_TO", "ops, dev@pareto.example")))
                .hasMessageContaining("Invalid email address \"ops\" in PARETO_ALERT_EMAIL_TO");

        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PARETO_SMTP_HOST", "smtp.example",
                "PARETO_SMTP_PASSWORD", "mail-secret",
                "PARETO_ALERT_EMAIL_FROM", "alerts@pareto.example",
                "PARETO_ALERT_EMAIL_TO", "ops@pareto.example, dev@pareto.example"));
        ServiceConfig.SmtpSettings smtp = config.smtp().orElseThrow();
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.to()).containsExactly("ops@pareto.example", "dev@pareto.example");
        assertThat(config.toString()).doesNotContain("mail-secret");
    }

    @Test
    void logFormatAcceptsJsonAndConsoleOnly() {
        assertThat(ServiceConfig.fromEnvironment(Map.of("PARETO_LOG_FORMAT", "Console")).logFormat())
                .isEqualTo(ServiceConfig.LogFormat.CONSOLE);
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_LOG_FORMAT", "xml")))
                .hasMessageContaining("PARETO_LOG_FORMAT \"xml\"")
                .hasMessageContaining("json or console");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PARETO_MONITOR_INTERVAL", "500ms",
                "PARETO_METRICS_INTERVAL", "PT2M", "PARETO_SCRAPE_TIMEOUT", "3s"));

        assertThat(config.monitorInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.metricsInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.scrapeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_MONITOR_INTERVAL", "soon")))
                .hasMessageContaining("PARETO_MONITOR_INTERVAL \"soon\"")
                .hasMessageContaining("unset it for 1m");
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_MONITOR_INTERVAL", "0s")))
                .hasMessageContaining("must be positive");
    }

    @Test
    void successRateThresholdIsAFraction() {
        assertThat(ServiceConfig.fromEnvironment(Map.of("PARETO_SCRAPER_MIN_SUCCESS_RATE", "0.8"))
                .scraperMinSuccessRate()).isEqualTo(0.8);
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("PARETO_SCRAPER_MIN_SUCCESS_RATE", "80")))
                .hasMessageContaining("\"80\"")
                .hasMessageContaining("from 0 to 1");
    }
}
