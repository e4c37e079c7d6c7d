package fr.pareto.examples;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the example service.
 *
 * <p>Until the service itself is built, it writes a few structured events so that a newcomer
 * sees the JSON log format.
 */
public final class ExampleService {

    private static final Logger log = LoggerFactory.getLogger(ExampleService.class);

    private ExampleService() {
    }

    public static void main(String[] args) {
        log.atInfo().addKeyValue("module", "api").addKeyValue("port", 8080).log("service starting");
        log.atInfo()
                .addKeyValue("module", "api")
                .addKeyValue("method", "GET")
                .addKeyValue("path", "/api/products")
                .addKeyValue("status", 200)
                .addKeyValue("duration_ms", 3.2)
                .log("request handled");
        log.atError()
                .addKeyValue("module", "scraper")
                .addKeyValue("retailer", "example-shop")
                .addKeyValue("url", "http://127.0.0.1:9090/products/42")
                .setCause(new java.io.IOException("connection reset"))
                .log("scrape failed");
    }
}
