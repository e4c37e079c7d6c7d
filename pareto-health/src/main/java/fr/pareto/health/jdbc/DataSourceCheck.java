package fr.pareto.health.jdbc;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import fr.pareto.health.internal.Arguments;
import fr.pareto.health.internal.DaemonThreads;
import fr.pareto.health.internal.Texts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A check of a JDBC {@link DataSource}: obtains a connection within the timeout, validates it
 * with {@link Connection#isValid(int)} (or a query of your choice) within the timeout, and
 * returns it.
 *
 * <p>Both steps are bounded. {@code isValid} gets the timeout rounded up to whole seconds, never
 * 0, which JDBC reads as "no timeout". Obtaining the connection runs on a thread of the check, so
 * a pool that is exhausted or a server that never completes the handshake cannot block the caller;
 * a connection that arrives after the timeout is closed at once, and while such an attempt is
 * still pending the check reports it instead of starting another. So a check in the worst case
 * takes twice its timeout, one bound per step.
 *
 * <p>Failure messages give the SQL state and the driver's message with user information and
 * password-like parameters removed. The check never logs.
 *
 * <p>Thread-safe. Uses one daemon thread of its own while obtaining a connection, released after
 * 30 s idle.
 *
 * <pre>{@code
 * HealthCheck database = DataSourceCheck.builder(dataSource).name("database").timeout(Duration.ofSeconds(2)).build();
 * }</pre>
 */
public final class DataSourceCheck implements HealthCheck {

    private final DataSource dataSource;
    private final String name;
    private final Duration timeout;
    private final String validationQuery;
    private final ExecutorService connector;
    private final AtomicReference<CompletableFuture<Connection>> pendingConnection = new AtomicReference<>();

    private DataSourceCheck(Builder builder) {
        this.dataSource = builder.dataSource;
        this.name = builder.name;
        this.timeout = builder.timeout;
        this.validationQuery = builder.validationQuery;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("pareto-health-jdbc-" + name));
        executor.allowCoreThreadTimeOut(true);
        this.connector = executor;
    }

    /** Starts a check of the data source, named {@code database} with a 2 s timeout. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the bound on each step: obtaining the connection, then validating it. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Obtains, validates and returns one connection. Returns {@link HealthStatus#OK} with
     * details {@code database} (product name) and {@code validation_ms}; returns
     * {@link HealthStatus#ERROR} with the reason on failure or timeout. Never throws; an
     * interrupt is reported as an error and leaves the interrupt flag set.
     */
    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        Connection connection;
        try {
            connection = obtainConnection();
        } catch (TimeoutException e) {
            String pending = e.getMessage() == null ? "" : "; " + e.getMessage();
            return HealthResult.error("timed out after " + Texts.duration(timeout) + " obtaining a connection" + pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.error("interrupted while obtaining a connection");
        } catch (SQLException e) {
            return HealthResult.error("could not obtain a connection: " + describe(e));
        } catch (RuntimeException e) {
            return HealthResult.error("could not obtain a connection: " + Texts.reason(e));
        }

        try (connection) {
            return validate(connection, start);
        } catch (SQLException e) {
            return HealthResult.error("validation failed: " + describe(e));
        } catch (RuntimeException e) {
            return HealthResult.error("validation failed: " + Texts.reason(e));
        }
    }

    private Connection obtainConnection() throws SQLException, TimeoutException, InterruptedException {
        CompletableFuture<Connection> attempt = new CompletableFuture<>();
        CompletableFuture<Connection> earlier = pendingConnection.compareAndExchange(null, attempt);
        if (earlier != null) {
            throw new TimeoutException("an earlier attempt is still pending");
        }
        connector.execute(() -> {
            try {
                attempt.complete(dataSource.getConnection());
            } catch (Throwable e) {
                attempt.completeExceptionally(e);
            } finally {
                pendingConnection.compareAndSet(attempt, null);
            }
        });
        try {
            return attempt.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            // A connection that arrives late is never used: return it to the pool or close it.
            attempt.thenAccept(DataSourceCheck::closeQuietly);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(Texts.reason(cause), cause);
        }
    }

    private HealthResult validate(Connection connection, long start) throws SQLException {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        if (validationQuery == null) {
            if (!connection.isValid(seconds)) {
                return HealthResult.error("connection is not valid (isValid returned false within " + seconds + " s)");
            }
        } else {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                statement.execute(validationQuery);
            }
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        return HealthResult.builder(HealthStatus.OK)
                .detail("database", connection.getMetaData().getDatabaseProductName())
                .detail("validation_ms", elapsedMillis)
                .build();
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : "SQL state " + e.getSQLState() + ", ";
        return state + Texts.reason(e);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // The connection is abandoned either way; the pool or the server reclaims it.
        }
    }

    @Override
    public String toString() {
        return "DataSourceCheck[" + name + ", timeout " + Texts.duration(timeout)
                + (validationQuery == null ? ", isValid" : ", query") + "]";
    }

    /** Builds a {@link DataSourceCheck}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String name = "database";
        private Duration timeout = Duration.ofSeconds(2);
        private String validationQuery;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** Sets the name under which the result is reported. Default: {@code database}. */
        public Builder name(String name) {
            this.name = Arguments.name(name);
            return this;
        }

        /**
         * Sets the bound on each step, obtaining and validating. {@code isValid} and query
         * timeouts get it rounded up to whole seconds. Default: 2 s. Range: 1 ms to 1 h.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.timeout(timeout, "timeout");
            return this;
        }

        /**
         * Validates with this SQL instead of {@code isValid}, such as a query on a table the
         * service needs. Runs with a query timeout. Default: none, {@code isValid} is used.
         */
        public Builder validationQuery(String sql) {
            Objects.requireNonNull(sql, "sql");
            if (sql.isBlank()) {
                throw new IllegalArgumentException("Invalid validation query: it is blank; give SQL such as SELECT 1");
            }
            this.validationQuery = sql;
            return this;
        }

        /** Builds the check. */
        public DataSourceCheck build() {
            return new DataSourceCheck(this);
        }
    }
}
