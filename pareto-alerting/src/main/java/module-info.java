/**
 * Alerts to Discord, email and JSON webhooks, delivered by an engine that loses none silently.
 *
 * <p>Jakarta Mail (for {@code fr.pareto.alerting.email}) and Logback (for
 * {@code fr.pareto.alerting.logback}) are optional: add them only if you use those packages.
 */
module fr.pareto.alerting {
    requires transitive org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires static jakarta.mail;
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;

    exports fr.pareto.alerting;
    exports fr.pareto.alerting.discord;
    exports fr.pareto.alerting.email;
    exports fr.pareto.alerting.logback;
    exports fr.pareto.alerting.webhook;
}
