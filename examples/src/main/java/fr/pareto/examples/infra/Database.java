package fr.pareto.examples.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import fr.pareto.examples.ServiceConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's PostgreSQL: a HikariCP pool on {@code DATABASE_URL}, or on an embedded server
 * started for this process when the variable is unset.
 *
 * <p>The embedded server keeps its data in a {@code pareto-example-pg-*} directory of the
 * temporary directory, removed on close. At start, such directories left by a killed process are
 * removed when their server no longer runs.
 *
 * <p>Thread-safe. {@link #close()} closes the pool, then stops the embedded server if one was
 * started.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final Endpoint endpoint;
    private final EmbeddedDataDirectory directory;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, Endpoint endpoint,
                     EmbeddedDataDirectory directory) {
        this.pool = pool;
        this.embedded = embedded;
        this.endpoint = endpoint;
        this.directory = directory;
    }

    /**
     * Opens the pool, starting embedded PostgreSQL first when {@code DATABASE_URL} is unset.
     * Fails when no connection can be made within a few seconds.
     */
    public static Database open(ServiceConfig config) {
        if (config.databaseUrl().isPresent()) {
            DatabaseUrl url = config.databaseUrl().get();
            Endpoint endpoint = url.endpoint().orElse(null);
            HikariDataSource pool;
            try {
                pool = createPool(url.driverUrl(), config.databaseUser().or(url::user),
                        config.databasePassword().or(url::password));
            } catch (RuntimeException e) {
                throw new IllegalStateException("PostgreSQL at DATABASE_URL " + url.redacted()
                        + " could not be reached: " + rootMessage(e) + "; check the host, port, database, "
                        + "user and password, or unset DATABASE_URL to start embedded PostgreSQL", e);
            }
            log.atInfo().addKeyValue("module", "catalog").addKeyValue("database", describe(endpoint))
                    .log("database connected");
            return new Database(pool, null, endpoint, null);
        }
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        EmbeddedDataDirectory.removeStale(temporary);
        EmbeddedDataDirectory directory = EmbeddedDataDirectory.create(temporary);
        EmbeddedPostgres embedded;
        try {
            embedded = startEmbedded(directory.data());
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        try {
            Endpoint endpoint = new Endpoint("127.0.0.1", embedded.getPort());
            HikariDataSource pool = createPool(embedded.getJdbcUrl("postgres", "postgres"), Optional.empty(), Optional.empty());
            log.atInfo().addKeyValue("module", "catalog").addKeyValue("database", "embedded PostgreSQL on " + describe(endpoint))
                    .log("database connected");
            return new Database(pool, embedded, endpoint, directory);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            directory.close();
            throw e;
        }
    }

    /** Returns the connection pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** Returns the pool's live counters: active, idle, total and waiting connections. */
    public HikariPoolMXBean poolStats() {
        return pool.getHikariPoolMXBean();
    }

    /** Returns the server's host and port, when the JDBC URL names a single host. */
    public Optional<Endpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Returns whether this process started the server. */
    public boolean embedded() {
        return embedded != null;
    }

    /** Closes the pool, then stops the embedded server if this process started one. */
    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            closeQuietly(embedded);
            directory.close();
        }
    }

    private static HikariDataSource createPool(String url, Optional<String> user, Optional<String> password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("catalog");
        hikari.setJdbcUrl(url);
        user.ifPresent(hikari::setUsername);
        password.ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(10);
        hikari.setMinimumIdle(2);
        // Short waits so a request fails fast with 503 instead of hanging when PostgreSQL is down.
        hikari.setConnectionTimeout(2_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(10_000);
        return new HikariDataSource(hikari);
    }

    private static EmbeddedPostgres startEmbedded(Path dataDirectory) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL failed to start: " + e.getMessage()
                    + "; set DATABASE_URL to use a running server instead", e);
        }
    }

    /** Returns the innermost message, which names the actual failure (refused, timed out, bad password). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String describe(Endpoint endpoint) {
        return endpoint == null ? "(several hosts)" : endpoint.host() + ":" + endpoint.port();
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException | RuntimeException e) {
            log.atWarn().addKeyValue("module", "catalog").setCause(e).log("embedded PostgreSQL failed to stop");
        }
    }
}
