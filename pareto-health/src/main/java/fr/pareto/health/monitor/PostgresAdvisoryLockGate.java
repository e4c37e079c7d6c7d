package fr.pareto.health.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An {@link AlertGate} that lets one replica alert: the one holding a PostgreSQL session-level
 * advisory lock ({@code pg_try_advisory_lock}) on a connection it keeps open.
 *
 * <p>The first replica to ask takes the lock and keeps it while its connection lives. When that
 * replica stops, or its connection breaks, PostgreSQL releases the lock and the next replica to
 * ask takes it over. When the database cannot be reached (the very outage the PostgreSQL monitor
 * reports, perhaps) the gate returns true on every replica: duplicate alerts rather than none.
 *
 * <p>The gate holds one connection from the data source for as long as it holds the lock, so a
 * pool sized for the service loses one connection on the replica that alerts. A pool that closes
 * connections after a maximum lifetime (HikariCP's {@code maxLifetime}) hands the lock back at
 * that moment; the next notification takes it again. Use one lock name per group of replicas
 * that should alert once.
 *
 * <p>Thread-safe. {@link #close()} releases the lock and the connection.
 */
public final class PostgresAdvisoryLockGate implements AlertGate, AutoCloseable {

    /** The lock name used by {@link #of(DataSource)}. */
    public static final String DEFAULT_LOCK_NAME = "pareto-uptime-monitor-alerts";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryLockGate.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final long key;
    private Connection holder;
    private boolean unreachable;
    private boolean closed;

    private PostgresAdvisoryLockGate(DataSource dataSource, long key) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.key = key;
    }

    /** Creates a gate on the lock named {@value #DEFAULT_LOCK_NAME}. */
    public static PostgresAdvisoryLockGate of(DataSource dataSource) {
        return of(dataSource, DEFAULT_LOCK_NAME);
    }

    /**
     * Creates a gate on a named lock; the name is hashed (SHA-256, first 8 bytes) to the 64-bit
     * key that PostgreSQL advisory locks take.
     *
     * @throws IllegalArgumentException if lockName is blank
     */
    public static PostgresAdvisoryLockGate of(DataSource dataSource, String lockName) {
        Objects.requireNonNull(lockName, "lockName");
        if (lockName.isBlank()) {
            throw new IllegalArgumentException("Lock name must not be blank; use a name such as \"" + DEFAULT_LOCK_NAME + "\"");
        }
        return of(dataSource, keyOf(lockName));
    }

    /** Creates a gate on the advisory lock with the given 64-bit key. */
    public static PostgresAdvisoryLockGate of(DataSource dataSource, long key) {
        return new PostgresAdvisoryLockGate(dataSource, key);
    }

    /** Returns the advisory lock key. */
    public long key() {
        return key;
    }

    /**
     * Returns whether this replica may alert. That is true if it has the lock or takes it now,
     * false if another session has it, and true when the database cannot be reached or after
     * close. Blocks for at most the data source's login timeout plus two seconds of validation.
     */
    @Override
    public synchronized boolean tryAcquire() {
        if (closed) {
            return true;
        }
        if (holder != null) {
            if (isValid(holder)) {
                return true;
            }
            LOG.warn("Alert gate lost its PostgreSQL connection and with it advisory lock {}; trying to take it again", key);
            closeQuietly(holder);
            holder = null;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            boolean acquired = tryLock(connection);
            if (unreachable) {
                LOG.info("Alert gate reaches PostgreSQL again");
                unreachable = false;
            }
            if (acquired) {
                holder = connection;
                LOG.info("Alert gate took advisory lock {}: this replica sends monitor notifications", key);
                return true;
            }
            closeQuietly(connection);
            return false;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (!unreachable) {
                LOG.warn("Alert gate cannot reach PostgreSQL ({}); every replica sends notifications until it can",
                        e.toString());
                unreachable = true;
            }
            return true;
        }
    }

    /** Releases the lock, if held, and its connection. Later calls to {@link #tryAcquire()} return true. */
    @Override
    public synchronized void close() {
        closed = true;
        if (holder == null) {
            return;
        }
        try (PreparedStatement unlock = holder.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        } catch (SQLException e) {
            LOG.debug("Alert gate could not unlock advisory lock {}; closing the connection releases it", key, e);
        }
        closeQuietly(holder);
        holder = null;
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Alert gate could not close a PostgreSQL connection", e);
        }
    }

    private static long keyOf(String lockName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lockName.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which every Java platform must provide", e);
        }
    }
}
