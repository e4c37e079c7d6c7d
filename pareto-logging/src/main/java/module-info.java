/**
 * Structured JSON logs through SLF4J, Logback and logstash-logback-encoder: zero-configuration
 * setup, event helpers, request-logging filters, secret masking and log capture for tests.
 */
module fr.pareto.logging {
    requires transitive org.slf4j;
    requires transitive ch.qos.logback.classic;
    requires transitive ch.qos.logback.core;
    requires logstash.logback.encoder;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires static jakarta.servlet;
    requires static jdk.httpserver;

    exports fr.pareto.logging;
    exports fr.pareto.logging.servlet;
    exports fr.pareto.logging.httpserver;
    exports fr.pareto.logging.test;

    provides ch.qos.logback.classic.spi.Configurator with fr.pareto.logging.internal.ZeroConfigConfigurator;
}
