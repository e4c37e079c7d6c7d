/** Alerts to Discord, email and JSON webhooks, delivered by an engine that loses none silently. */
module fr.pareto.alerting {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports fr.pareto.alerting;
}
