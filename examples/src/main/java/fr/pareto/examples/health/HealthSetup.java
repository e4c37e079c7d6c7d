package fr.pareto.examples.health;

import fr.pareto.examples.catalog.Catalog;
import fr.pareto.examples.infra.Database;
import fr.pareto.examples.infra.Redis;
import fr.pareto.examples.scraper.ScrapeTracker;
import fr.pareto.examples.scraper.ScraperHealthCheck;
import fr.pareto.health.CheckOptions;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.jdbc.DataSourceCheck;
import fr.pareto.health.redis.RedisCheck;
import java.util.Optional;

/**
 * The service's health checks and endpoints.
 *
 * <p>{@code /health} covers PostgreSQL ({@code database}) and Redis ({@code redis}), both
 * critical and in the readiness group, and the scraper as a non-critical check, so a failing
 * scraper makes the service {@code degraded} (still 200) rather than down. {@code /health/scraper}
 * is served from a registry of its own in which the scraper check is critical, so it answers
 * 503 below the threshold. Detailed health adds the catalog size and the pool's connections.
 *
 * @param main the registry behind {@code /health}
 * @param scraper the registry behind {@code /health/scraper}
 * @param endpoint the endpoint of {@code /health}
 * @param scraperEndpoint the endpoint of {@code /health/scraper}
 */
public record HealthSetup(HealthRegistry main, HealthRegistry scraper, HealthEndpoint endpoint,
                          HealthEndpoint scraperEndpoint) implements AutoCloseable {

    /**
     * Builds both registries and their endpoints.
     *
     * @param token bearer token for detailed health; empty makes {@code /health/detailed} answer 404
     * @throws IllegalArgumentException if the token is shorter than 16 characters or contains whitespace
     */
    public static HealthSetup create(Database database, Redis redis, Catalog catalog, ScrapeTracker tracker,
                                     double minSuccessRate, Optional<String> token) {
        ScraperHealthCheck scraperCheck = new ScraperHealthCheck(tracker, minSuccessRate);
        HealthRegistry main = HealthRegistry.builder()
                .register(DataSourceCheck.builder(database.dataSource()).name("database").build())
                .register(RedisCheck.builder(redis.uri().toString()).name("redis").build())
                .register(scraperCheck, CheckOptions.defaults().nonCritical())
                .gauge("products", () -> catalog.counts().products())
                .gauge("offers", () -> catalog.counts().offers())
                .gauge("db_connections_active", () -> database.poolStats().getActiveConnections())
                .gauge("db_connections_total", () -> database.poolStats().getTotalConnections())
                .build();
        HealthRegistry scraper = HealthRegistry.builder()
                .register(scraperCheck)
                .build();
        return new HealthSetup(main, scraper,
                HealthEndpoint.builder(main).token(token).build(),
                HealthEndpoint.builder(scraper).token(token).build());
    }

    /** Stops both registries' threads. */
    @Override
    public void close() {
        scraper.close();
        main.close();
    }
}
