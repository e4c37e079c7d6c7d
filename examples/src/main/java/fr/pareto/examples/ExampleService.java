package fr.pareto.examples;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.ErrorsEndpoint;
import fr.pareto.errors.UncaughtExceptionTracking;
import fr.pareto.errors.alerting.AlertingErrorListener;
import fr.pareto.errors.httpserver.ErrorTrackingFilter;
import fr.pareto.errors.httpserver.ErrorsHttpHandler;
import fr.pareto.examples.ShutdownPlan.Phase;
import fr.pareto.examples.alerts.AlertSetup;
import fr.pareto.examples.catalog.Catalog;
import fr.pareto.examples.catalog.CatalogMetrics;
import fr.pareto.examples.catalog.ProductCache;
import fr.pareto.examples.health.HealthSetup;
import fr.pareto.examples.health.MonitorSetup;
import fr.pareto.examples.http.Json;
import fr.pareto.examples.http.ProductsHandler;
import fr.pareto.examples.http.ScrapeHandler;
import fr.pareto.examples.infra.DaemonThreads;
import fr.pareto.examples.infra.Database;
import fr.pareto.examples.infra.Redis;
import fr.pareto.examples.scraper.FixtureShop;
import fr.pareto.examples.scraper.ScrapeTracker;
import fr.pareto.examples.scraper.Scraper;
import fr.pareto.health.httpserver.HealthHttpHandler;
import fr.pareto.health.monitor.MonitorService;
import fr.pareto.health.monitor.StatusPage;
import fr.pareto.health.monitor.StatusPageHandler;
import fr.pareto.logging.httpserver.RequestLoggingFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example service: a small Pareto API on the JDK HTTP server, with products and offers in
 * PostgreSQL, a Redis cache, a scraper, and the Pareto Observability modules at work.
 *
 * <p>{@link #main} reads the environment (see {@link ServiceConfig}), starts everything and
 * stops it in order on Ctrl-C. Tests call {@link #start(ServiceConfig)} and {@link #close()}.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class ExampleService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExampleService.class);

    /**
     * Wait for requests in flight when the HTTP server stops. NOTE: on JDK 17 the server waits
     * this long even when no request is in flight, so it is kept short.
     */
    private static final Duration HTTP_STOP_GRACE = Duration.ofSeconds(1);

    private final ShutdownPlan shutdown;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExampleService(ShutdownPlan shutdown, int port) {
        this.shutdown = shutdown;
        this.port = port;
    }

    /**
     * Starts the service from the environment and stops it in order when the JVM shuts down.
     * Exits with status 2 when a variable has a value that cannot be used, and with 1 when
     * a component fails to start.
     */
    public static void main(String[] args) {
        quietEmbeddedServers();
        ServiceConfig config;
        try {
            config = ServiceConfig.fromEnvironment();
        } catch (ConfigException e) {
            log.atError().addKeyValue("module", "api").addKeyValue("reason", e.getMessage()).log("invalid configuration");
            System.err.println("pareto-example-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        ExampleService service;
        try {
            service = start(config);
        } catch (RuntimeException e) {
            log.atError().addKeyValue("module", "api").setCause(e).log("service failed to start");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
    }

    /**
     * Starts every component. When one fails, those already started are stopped again before
     * the exception is thrown.
     *
     * @throws RuntimeException naming the component that failed to start
     */
    public static ExampleService start(ServiceConfig config) {
        Objects.requireNonNull(config, "config");
        log.atInfo().addKeyValue("module", "api").addKeyValue("config", config.toString()).log("service starting");
        long started = System.nanoTime();
        ShutdownPlan shutdown = new ShutdownPlan();
        try {
            AlertDispatcher alerts = AlertSetup.start(config);
            shutdown.add(Phase.ALERTS, "alert delivery", alerts);
            ErrorTracker errors = startErrorTracking(alerts, shutdown);

            Database database = Database.open(config);
            shutdown.add(Phase.STORES, "postgresql", database);
            Catalog catalog = new Catalog(database.dataSource());
            catalog.initialize();
            Redis redis = Redis.open(config);
            shutdown.add(Phase.STORES, "redis", redis);
            ProductCache cache = new ProductCache(redis.client());

            ScrapeTracker tracker = new ScrapeTracker(ScrapeTracker.DEFAULT_WINDOW);
            CatalogMetrics metrics = CatalogMetrics.start(catalog, database.poolStats(), tracker, config.metricsInterval());
            shutdown.add(Phase.BACKGROUND, "catalog metrics", metrics);
            Scraper scraper = new Scraper(config.scrapeTimeout(), tracker);
            shutdown.add(Phase.BACKGROUND, "scraper", scraper);
            FixtureShop shop = FixtureShop.start(config.scrapeTimeout().multipliedBy(3));
            shutdown.add(Phase.SERVERS, "fixture shop", shop);
            HealthSetup health = HealthSetup.create(database, redis, catalog, tracker,
                    config.scraperMinSuccessRate(), config.healthToken());
            shutdown.add(Phase.BACKGROUND, "health checks", health);

            // The server binds its port here, so the monitors know it before it serves.
            HttpServer server = createHttpServer(config.port());
            int port = server.getAddress().getPort();
            MonitorService monitors = MonitorSetup.create(URI.create("http://127.0.0.1:" + port),
                    database.endpoint(), redis.endpoint(), config.monitorInterval(), alerts);
            shutdown.add(Phase.MONITORS, "uptime monitors", monitors);

            Routes routes = new Routes(server, errors);
            routes.add(ProductsHandler.PATH, new ProductsHandler(catalog, cache, errors));
            routes.add(ScrapeHandler.PATH, new ScrapeHandler(scraper, shop::targets, catalog, cache, errors));
            addObservabilityRoutes(routes, config, health, monitors, errors);
            server.start();
            shutdown.add(Phase.SERVERS, "http server", () -> stopHttpServer(server));
            monitors.start();

            log.atInfo().addKeyValue("module", "api").addKeyValue("port", port)
                    .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                    .log("service started");
            return new ExampleService(shutdown, port);
        } catch (SQLException e) {
            shutdown.run();
            throw new IllegalStateException("Catalog schema or data could not be created: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
    }

    /** Starts the error tracker, which alerts on new error groups, and makes it the uncaught-exception handler. */
    private static ErrorTracker startErrorTracking(AlertDispatcher alerts, ShutdownPlan shutdown) {
        ErrorTracker errors = ErrorTracker.builder()
                .name("pareto-example")
                .applicationPackages("fr.pareto.examples")
                .listener(AlertingErrorListener.builder(alerts).source("pareto-example").build())
                // Closed by the shutdown plan, before alert delivery, rather than by a hook of its own.
                .flushOnExit(false)
                .build();
        shutdown.add(Phase.MONITORS, "error tracker", errors);
        UncaughtExceptionTracking uncaught = errors.installUncaughtExceptionHandler();
        shutdown.add(Phase.MONITORS, "uncaught exception handler", uncaught);
        return errors;
    }

    /**
     * Adds the health endpoints, the status page, the error list and a JSON 404 for every other
     * path. The error list is mounted only when a token is set, so without one it returns 404.
     */
    private static void addObservabilityRoutes(Routes routes, ServiceConfig config, HealthSetup health,
                                               MonitorService monitors, ErrorTracker errors) {
        // The JDK server picks the longest matching context, so /health/scraper wins over /health.
        routes.add("/health", new HealthHttpHandler(health.endpoint()));
        routes.add("/health/scraper", new HealthHttpHandler(health.scraperEndpoint()));
        // One context serves both /status and /status.json.
        routes.add("/status", new StatusPageHandler(StatusPage.builder(monitors).title("Pareto example service").build()));
        config.healthToken().ifPresent(token ->
                routes.add("/errors", new ErrorsHttpHandler(ErrorsEndpoint.withToken(errors, token))));
        routes.add("/", exchange -> {
            try (exchange) {
                Json.sendError(exchange, 404, "No endpoint at " + exchange.getRequestURI().getPath());
            }
        });
    }

    /** Returns the port the HTTP server listens on. */
    public int port() {
        return port;
    }

    /** Returns the loopback base URL, such as {@code http://127.0.0.1:8080}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Stops every component in order: monitors, alert delivery (flushed), the HTTP servers,
     * then Redis and PostgreSQL. Each step's failure is logged and the next step still runs.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.atInfo().addKeyValue("module", "api").log("service stopping");
        shutdown.run();
        log.atInfo().addKeyValue("module", "api").log("service stopped");
    }

    /**
     * Keeps embedded PostgreSQL's start-up chatter (initdb and server output, one event per
     * line) out of the service log; its warnings and errors still show.
     */
    private static void quietEmbeddedServers() {
        if (LoggerFactory.getLogger("io.zonky.test") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static HttpServer createHttpServer(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP server failed to listen on port " + port + ": " + e.getMessage()
                    + "; free the port or set PORT to another one", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, DaemonThreads.named("http")));
        return server;
    }

    /**
     * Adds contexts to the server, each behind the request logging filter (outermost, so it logs
     * the status that recovery wrote) and the error tracking filter.
     */
    private record Routes(HttpServer server, ErrorTracker errors) {

        void add(String path, HttpHandler handler) {
            HttpContext context = server.createContext(path, handler);
            context.getFilters().add(new RequestLoggingFilter());
            context.getFilters().add(new ErrorTrackingFilter(errors));
        }
    }

    private static void stopHttpServer(HttpServer server) throws InterruptedException {
        server.stop((int) HTTP_STOP_GRACE.toSeconds());
        ExecutorService executor = (ExecutorService) server.getExecutor();
        executor.shutdown();
        if (!executor.awaitTermination(HTTP_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
    }
}
