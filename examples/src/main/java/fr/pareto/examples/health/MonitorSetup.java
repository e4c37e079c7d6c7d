package fr.pareto.examples.health;

import fr.pareto.alerting.AlertSink;
import fr.pareto.examples.infra.Endpoint;
import fr.pareto.health.monitor.Monitor;
import fr.pareto.health.monitor.MonitorService;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The uptime monitors of Pareto's plan, pointed at this service: its API's {@code /health},
 * its PostgreSQL and Redis over TCP, and {@code /health/scraper} at five times the interval
 * (60 s and 300 s by default). Each is DOWN after 3 consecutive failures, and DOWN and
 * recovery are sent as alerts.
 */
public final class MonitorSetup {

    /** Consecutive failed checks before a monitor is DOWN. */
    public static final int DOWN_AFTER = 3;

    /** Name of the alert source, shown as the author of Discord embeds. */
    public static final String ALERT_SOURCE = "pareto-example uptime";

    private MonitorSetup() {
    }

    /**
     * Builds the monitors; they run once {@link MonitorService#start()} is called.
     *
     * @param api the service's own base URL, such as {@code http://127.0.0.1:8080}
     * @param database PostgreSQL's address, when the JDBC URL names one host
     * @param redis Redis's address
     * @param interval time between two checks of the API, PostgreSQL and Redis monitors
     * @param alerts where DOWN and recovery alerts go
     */
    public static MonitorService create(URI api, Optional<Endpoint> database, Endpoint redis, Duration interval,
                                       AlertSink alerts) {
        MonitorService.Builder monitors = MonitorService.builder()
                .alertSink(alerts)
                .alertSource(ALERT_SOURCE)
                .monitor(configure(Monitor.http("API Health", api.resolve("/health").toString()), interval))
                .monitor(configure(Monitor.tcp("Redis", redis.host(), redis.port()), interval))
                .monitor(configure(Monitor.http("Scraper", api.resolve("/health/scraper").toString()),
                        interval.multipliedBy(5)));
        database.ifPresent(endpoint -> monitors.monitor(
                configure(Monitor.tcp("PostgreSQL", endpoint.host(), endpoint.port()), interval)));
        return monitors.build();
    }

    private static Monitor configure(Monitor.Builder monitor, Duration interval) {
        return monitor.interval(interval).retryInterval(interval).downAfter(DOWN_AFTER).build();
    }
}
