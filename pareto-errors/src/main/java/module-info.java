/**
 * Error tracking: capture, fingerprint, group and alert on exceptions, with recovery filters for
 * Jakarta Servlet and the JDK HTTP server, executor wrappers and a Logback appender.
 *
 * <p>Servlet API, Logback and pareto-alerting are optional: each integration package needs its
 * library at run time, and the core needs none of them.
 */
module fr.pareto.errors {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires static fr.pareto.alerting;
    requires static jakarta.servlet;
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    requires static jdk.httpserver;

    exports fr.pareto.errors;
    exports fr.pareto.errors.alerting;
    exports fr.pareto.errors.httpserver;
    exports fr.pareto.errors.logback;
    exports fr.pareto.errors.servlet;
}
