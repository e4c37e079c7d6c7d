/** Health checks, health endpoints, uptime monitors and a status page. */
module fr.pareto.health {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires java.sql;
    requires static fr.pareto.alerting;
    requires static jdk.httpserver;
    requires static jakarta.servlet;

    exports fr.pareto.health;
    exports fr.pareto.health.jdbc;
    exports fr.pareto.health.redis;
    exports fr.pareto.health.httpserver;
    exports fr.pareto.health.servlet;
    exports fr.pareto.health.monitor;
}
