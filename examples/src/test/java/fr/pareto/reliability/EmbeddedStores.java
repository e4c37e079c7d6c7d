package fr.pareto.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL and a real Redis on loopback that the suite can kill and start again on the
 * same port: PostgreSQL with SIGKILL on the postmaster and its backends, Redis with SIGKILL on
 * its process. PostgreSQL's {@code app} role logs in with the {@link Canaries#DB_PASSWORD} over
 * TCP, and Redis requires {@link Canaries#REDIS_PASSWORD}, so the canaries travel through every
 * connection the checks make.
 */
final class EmbeddedStores implements AutoCloseable {

    private final Path directory;
    private final int postgresPort;
    private final int redisPort;
    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private long redisPid = -1;

    private EmbeddedStores(Path directory, int postgresPort, int redisPort) {
        this.directory = directory;
        this.postgresPort = postgresPort;
        this.redisPort = redisPort;
    }

    /** Starts both servers on free ports and creates the {@code app} role. */
    static EmbeddedStores start() throws IOException, SQLException {
        Path directory = Files.createTempDirectory("pareto-reliability-pg");
        Files.writeString(directory.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all all 127.0.0.1/32 md5",
                ""));
        EmbeddedStores stores = new EmbeddedStores(directory, Loopback.closedPort(), Loopback.closedPort());
        stores.startPostgres();
        try (Connection connection = stores.postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE app LOGIN PASSWORD '" + Canaries.DB_PASSWORD + "'");
        }
        stores.startRedis();
        return stores;
    }

    /** Returns the JDBC URL of the {@code app} role, password included as a URL parameter. */
    String jdbcUrlWithPassword() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?user=app&password=" + Canaries.DB_PASSWORD
                + "&connectTimeout=2&socketTimeout=5";
    }

    /** Returns the Redis URL, password included. */
    String redisUrlWithPassword() {
        return "redis://:" + Canaries.REDIS_PASSWORD + "@127.0.0.1:" + redisPort;
    }

    /** Starts PostgreSQL on its port and data directory, the first time or after {@link #killPostgres()}. */
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(false)
                .setServerConfig("hba_file", directory.resolve("pg_hba.conf").toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /**
     * Kills PostgreSQL the hard way: SIGKILL to the postmaster and every backend, as an OOM
     * killer or a crashed host would, then releases the embedded server's own bookkeeping.
     */
    void killPostgres() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(directory.resolve("data").resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL process " + pid));
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL process " + pid + " did not exit after SIGKILL", e);
        }
        try {
            // pg_ctl stop fails on a dead server; close() still releases the data directory lock.
            postgres.close();
        } catch (IOException | RuntimeException expected) {
            // The server is already gone, which is the point.
        }
    }

    /** Starts Redis on its port, the first time or after {@link #killRedis()}. */
    void startRedis() throws IOException {
        redis = RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("requirepass " + Canaries.REDIS_PASSWORD)
                .build();
        Set<Long> before = redisChildren();
        redis.start();
        Set<Long> started = redisChildren();
        started.removeAll(before);
        if (started.size() != 1) {
            throw new IllegalStateException("expected one new redis-server child process, found " + started);
        }
        redisPid = started.iterator().next();
    }

    /** Kills Redis with SIGKILL, as a crash would, then releases the embedded server's own bookkeeping. */
    void killRedis() throws IOException, InterruptedException {
        ProcessHandle process = ProcessHandle.of(redisPid)
                .orElseThrow(() -> new IllegalStateException("no Redis process " + redisPid));
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis process " + redisPid + " did not exit after SIGKILL", e);
        }
        try {
            redis.stop();
        } catch (IOException | RuntimeException expected) {
            // The server is already gone, which is the point.
        }
    }

    private static Set<Long> redisChildren() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().map(command -> command.contains("redis")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public void close() {
        try {
            if (redis != null) {
                redis.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
