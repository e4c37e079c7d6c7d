package fr.pareto.logging.support;

import fr.pareto.logging.ApiEvents;
import fr.pareto.logging.ScraperEvents;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A program that logs a few events, run in a child JVM to test the zero-configuration setup. */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("demo");
        MDC.put("request_id", "req-1");
        log.debug("debug detail");
        ApiEvents.of(log).requestHandled("GET", "/api/products", 200, Duration.ofMillis(12));
        ScraperEvents.of(log).scrapeFailed("fnac", "https://fnac.example/p?token=t0k3n",
                new IllegalStateException("blocked with password=hunter2"));
    }
}
