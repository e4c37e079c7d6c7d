/** Health checks, health endpoints, uptime monitors and a status page. */
module fr.pareto.health {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires java.sql;
    requires static fr.pareto.alerting;
    requires static jdk.httpserver;

    exports fr.pareto.health;
    exports fr.pareto.health.monitor;
}
