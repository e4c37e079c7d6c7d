/** Error tracking: capture, fingerprint, group and alert on exceptions. */
module fr.pareto.errors {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires static fr.pareto.alerting;

    exports fr.pareto.errors;

}
