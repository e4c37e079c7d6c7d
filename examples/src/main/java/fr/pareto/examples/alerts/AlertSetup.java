package fr.pareto.examples.alerts;

import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.discord.DiscordNotifier;
import fr.pareto.alerting.email.EmailNotifier;
import fr.pareto.examples.ConfigException;
import fr.pareto.examples.ServiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the service's alert delivery from its configuration: Discord when
 * {@code PARETO_DISCORD_WEBHOOK_URL} is set, email when {@code PARETO_SMTP_HOST} is set, and
 * the log otherwise.
 */
public final class AlertSetup {

    /** Bound on the delivery of queued alerts at shutdown. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(AlertSetup.class);

    private AlertSetup() {
    }

    private static EmailNotifier email(ServiceConfig.SmtpSettings smtp) {
        try {
            EmailNotifier.Builder email = EmailNotifier.builder(smtp.host())
                    .port(smtp.port())
                    .from(smtp.from())
                    .to(smtp.to().toArray(String[]::new));
            smtp.user().ifPresent(email::username);
            smtp.password().ifPresent(email::password);
            return email.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException("Invalid email alert settings (PARETO_SMTP_* or PARETO_ALERT_EMAIL_*): "
                    + e.getMessage());
        }
    }

    /**
     * Creates and starts the dispatcher.
     *
     * @throws ConfigException when a channel rejects its settings
     */
    public static AlertDispatcher start(ServiceConfig config) {
        List<String> channels = new ArrayList<>();
        AlertDispatcher.Builder dispatcher = AlertDispatcher.builder().closeTimeout(CLOSE_TIMEOUT);
        config.discordWebhook().ifPresent(url -> {
            try {
                dispatcher.notifier(DiscordNotifier.builder(url.toString()).username("Pareto example service").build());
            } catch (IllegalArgumentException e) {
                // The notifier's message shows the webhook id only, never the token.
                throw new ConfigException("Invalid PARETO_DISCORD_WEBHOOK_URL: " + e.getMessage());
            }
            channels.add("discord");
        });
        config.smtp().ifPresent(smtp -> {
            dispatcher.notifier(email(smtp));
            channels.add("email");
        });
        if (channels.isEmpty()) {
            dispatcher.notifier(new LogNotifier());
            channels.add("log");
        }
        log.atInfo().addKeyValue("module", "alerts").addKeyValue("channels", channels).log("alert delivery started");
        return dispatcher.build();
    }
}
