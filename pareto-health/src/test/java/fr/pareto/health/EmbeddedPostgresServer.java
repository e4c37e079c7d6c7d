package fr.pareto.health;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests, on loopback, that can be stopped and started again on the same
 * port and data directory. The {@code postgres} user connects without a password; the
 * {@code app} user needs {@link #APP_PASSWORD}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The password of the {@code app} role. */
    public static final String APP_PASSWORD = "app-s3cret-pw";

    private final Path directory;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server in a new temporary directory on a free port and creates the {@code app} role. */
    public static EmbeddedPostgresServer start() {
        try {
            Path directory = Files.createTempDirectory("pareto-health-pg");
            Files.writeString(directory.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all all 127.0.0.1/32 md5",
                    ""));
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(directory, TestPorts.closedPort());
            server.startAgain();
            try (Connection connection = server.adminDataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE app LOGIN PASSWORD '" + APP_PASSWORD + "'");
                statement.execute("CREATE TABLE health_probe (id int)");
                statement.execute("GRANT SELECT ON health_probe TO app");
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server again on the same port and data directory after {@link #stop()}. */
    public void startAgain() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(false)
                .setServerConfig("hba_file", directory.resolve("pg_hba.conf").toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** Stops the server; its data directory stays for {@link #startAgain()}. */
    public void stop() throws IOException {
        postgres.close();
    }

    /** Returns the port. */
    public int port() {
        return port;
    }

    /** Returns a data source for the password-less {@code postgres} superuser. */
    public DataSource adminDataSource() {
        return dataSource("postgres", null);
    }

    /** Returns a data source for the given user and password over TCP on loopback. */
    public DataSource dataSource(String user, String password) {
        return new UrlDataSource("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
