/** Structured JSON logs through SLF4J, Logback and logstash-logback-encoder. */
module fr.pareto.logging {
    requires transitive org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires logstash.logback.encoder;
    requires com.fasterxml.jackson.databind;

    exports fr.pareto.logging;
}
