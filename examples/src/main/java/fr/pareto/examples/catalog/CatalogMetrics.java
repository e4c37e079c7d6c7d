package fr.pareto.examples.catalog;

import com.zaxxer.hikari.HikariPoolMXBean;
import fr.pareto.examples.infra.DaemonThreads;
import fr.pareto.examples.scraper.ScrapeTracker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a {@code catalog metrics} event at a fixed interval, for the Grafana dashboard: product
 * and offer counts, the pool's connections and the scraper's recent success rate.
 *
 * <p>Fields: {@code module=catalog}, {@code products}, {@code offers},
 * {@code db_connections_active}, {@code db_connections_idle}, {@code db_connections_total},
 * {@code db_connections_pending}, {@code scraper_success_rate} (0 to 1) and
 * {@code scraper_attempts}. When the counts cannot be read, such as while PostgreSQL is down, the
 * event is skipped and one {@code catalog metrics skipped} line is logged at WARN with the
 * failure in {@code error}, so dashboards never read a sample without counts. Runs on one
 * daemon thread; {@link #close()} stops it.
 */
public final class CatalogMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogMetrics.class);

    private final Catalog catalog;
    private final HikariPoolMXBean pool;
    private final ScrapeTracker tracker;
    private final ScheduledExecutorService timer;

    private CatalogMetrics(Catalog catalog, HikariPoolMXBean pool, ScrapeTracker tracker) {
        this.catalog = catalog;
        this.pool = pool;
        this.tracker = tracker;
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("catalog-metrics"));
    }

    /**
     * Logs the first event now, then one every {@code interval}.
     *
     * @param interval time between two events, positive
     */
    public static CatalogMetrics start(Catalog catalog, HikariPoolMXBean pool, ScrapeTracker tracker, Duration interval) {
        Objects.requireNonNull(interval, "interval");
        CatalogMetrics metrics = new CatalogMetrics(Objects.requireNonNull(catalog, "catalog"),
                Objects.requireNonNull(pool, "pool"), Objects.requireNonNull(tracker, "tracker"));
        metrics.timer.scheduleAtFixedRate(metrics::report, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return metrics;
    }

    /**
     * Logs one event, or one WARN line when the counts cannot be read. Never throws, so the
     * schedule keeps running.
     */
    void report() {
        try {
            Catalog.Counts counts;
            try {
                counts = catalog.counts();
            } catch (SQLException e) {
                log.atWarn().addKeyValue("module", "catalog").setCause(e).log("catalog metrics skipped");
                return;
            }
            ScrapeTracker.Snapshot scrapes = tracker.snapshot();
            log.atInfo()
                    .addKeyValue("module", "catalog")
                    .addKeyValue("products", counts.products())
                    .addKeyValue("offers", counts.offers())
                    .addKeyValue("db_connections_active", pool.getActiveConnections())
                    .addKeyValue("db_connections_idle", pool.getIdleConnections())
                    .addKeyValue("db_connections_total", pool.getTotalConnections())
                    .addKeyValue("db_connections_pending", pool.getThreadsAwaitingConnection())
                    .addKeyValue("scraper_success_rate", scrapes.successRate())
                    .addKeyValue("scraper_attempts", scrapes.attempts())
                    .log("catalog metrics");
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("module", "catalog").setCause(e).log("catalog metrics failed");
        }
    }

    /** Stops the schedule; an event being written is allowed to finish. */
    @Override
    public void close() {
        timer.shutdown();
    }
}
