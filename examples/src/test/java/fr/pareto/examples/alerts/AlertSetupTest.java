package fr.pareto.examples.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.Severity;
import fr.pareto.examples.ConfigException;
import fr.pareto.examples.ServiceConfig;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSetupTest {

    @Test
    void alertsAreLoggedWhenNoChannelIsConfigured() {
        try (LogCapture logs = LogCapture.start();
             AlertDispatcher alerts = AlertSetup.start(ServiceConfig.fromEnvironment(Map.of()))) {
            alerts.send(Alert.builder("Redis is down").severity(Severity.ERROR).source("uptime")
                    .field("Monitor", "Redis").build());

            await().atMost(Duration.ofSeconds(30)).until(() -> !logs.events("alert raised").isEmpty());
            CapturedEvent event = logs.events("alert raised").get(0);
            assertThat(event.level()).isEqualTo("warn");
            assertThat(event.string("title")).contains("Redis is down");
            assertThat(event.string("severity")).contains("error");
            assertThat(event.string("module")).contains("alerts");
            assertThat(logs.events("alert delivery started").get(0).json()).contains("\"log\"");
        }
    }

    @Test
    void resolvedAlertIsLoggedAtInfo() {
        try (LogCapture logs = LogCapture.start();
             AlertDispatcher alerts = AlertSetup.start(ServiceConfig.fromEnvironment(Map.of()))) {
            alerts.send(Alert.builder("Redis is up").severity(Severity.RESOLVED).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> !logs.events("alert raised").isEmpty());
            assertThat(logs.events("alert raised").get(0).level()).isEqualTo("info");
        }
    }

    @Test
    void discordWebhookWithoutTokenPathIsRejectedAtStart() {
        ServiceConfig config = ServiceConfig.fromEnvironment(
                Map.of("PARETO_DISCORD_WEBHOOK_URL", "https://discord.com/channels/123/SECRET"));

        assertThatThrownBy(() -> AlertSetup.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARETO_DISCORD_WEBHOOK_URL")
                .hasMessageNotContaining("SECRET");
    }
}
