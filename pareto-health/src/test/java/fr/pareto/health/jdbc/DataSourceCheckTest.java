package fr.pareto.health.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pareto.health.EmbeddedPostgresServer;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import fr.pareto.health.TestDataSource;
import fr.pareto.health.TestPorts;
import fr.pareto.health.UrlDataSource;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataSourceCheckTest {

    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void runningDatabaseIsOk() {
        HealthResult result = DataSourceCheck.builder(postgres.dataSource("app", EmbeddedPostgresServer.APP_PASSWORD)).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(result.details()).containsEntry("database", "PostgreSQL").containsKey("validation_ms");
    }

    @Test
    void closedPortIsAnErrorWithoutCredentials() throws IOException {
        UrlDataSource dataSource = UrlDataSource.of("jdbc:postgresql://127.0.0.1:" + TestPorts.closedPort() + "/app?user=app&password=hunter2secret");

        HealthResult result = DataSourceCheck.builder(dataSource).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("could not obtain a connection: SQL state 08001")
                .doesNotContain("hunter2secret"));
    }

    @Test
    void wrongPasswordIsAnErrorWithoutThePassword() {
        HealthResult result = DataSourceCheck.builder(postgres.dataSource("app", "wrong-password-123")).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("SQL state 28P01")
                .contains("password authentication failed")
                .doesNotContain("wrong-password-123"));
    }

    @Test
    void slowQueryTimesOut() {
        DataSourceCheck check = DataSourceCheck.builder(postgres.adminDataSource())
                .validationQuery("SELECT pg_sleep(30)")
                .timeout(Duration.ofSeconds(1))
                .build();

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("validation failed: SQL state 57014"));
    }

    @Test
    void heldLockTimesOut() throws SQLException {
        try (Connection holder = postgres.adminDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE health_probe IN ACCESS EXCLUSIVE MODE");
            }
            DataSourceCheck check = DataSourceCheck.builder(postgres.dataSource("app", EmbeddedPostgresServer.APP_PASSWORD))
                    .validationQuery("SELECT count(*) FROM health_probe")
                    .timeout(Duration.ofSeconds(1))
                    .build();

            HealthResult result = check.check();

            assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("SQL state 57014"));
            holder.rollback();
        }
    }

    @Test
    void stoppedAndRestartedDatabaseRecovers() throws IOException {
        try (EmbeddedPostgresServer own = EmbeddedPostgresServer.start()) {
            DataSourceCheck check = DataSourceCheck.builder(own.adminDataSource()).build();
            assertThat(check.check().status()).isEqualTo(HealthStatus.OK);

            own.stop();
            HealthResult stopped = check.check();
            assertThat(stopped.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(stopped.message()).hasValueSatisfying(message -> assertThat(message).contains("could not obtain a connection"));

            own.startAgain();
            assertThat(check.check().status()).isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void exhaustedPoolIsBounded() {
        CountDownLatch release = new CountDownLatch(1);
        BlockingDataSource pool = new BlockingDataSource(release);
        DataSourceCheck check = DataSourceCheck.builder(pool).timeout(Duration.ofMillis(300)).build();
        try {
            HealthResult first = check.check();
            HealthResult second = check.check();

            assertThat(first.message()).hasValue("timed out after 300 ms obtaining a connection");
            assertThat(second.message()).hasValue("timed out after 300 ms obtaining a connection; an earlier attempt is still pending");
            assertThat(pool.calls).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void isValidNeverGetsZero() {
        List<Integer> timeouts = new CopyOnWriteArrayList<>();
        DataSource dataSource = new FakeDataSource(() -> fakeConnection(timeouts));

        // 400 ms truncated to whole seconds would be 0, which JDBC reads as no timeout.
        HealthResult result = DataSourceCheck.builder(dataSource).timeout(Duration.ofMillis(400)).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(timeouts).containsExactly(1);
    }

    @Test
    void isValidRoundsUp() {
        List<Integer> timeouts = new CopyOnWriteArrayList<>();
        DataSource dataSource = new FakeDataSource(() -> fakeConnection(timeouts));

        DataSourceCheck.builder(dataSource).timeout(Duration.ofMillis(2500)).build().check();

        assertThat(timeouts).containsExactly(3);
    }

    @Test
    void builderRejectsBadValues() {
        DataSource dataSource = postgres.adminDataSource();

        assertThatThrownBy(() -> DataSourceCheck.builder(dataSource).validationQuery(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid validation query");
        assertThatThrownBy(() -> DataSourceCheck.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("dataSource");
        assertThatThrownBy(() -> DataSourceCheck.builder(dataSource).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid timeout");
    }

    // A connection fake that implements only what the check calls: isValid, getMetaData, close.
    private static Connection fakeConnection(List<Integer> isValidTimeouts) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "isValid" -> {
                        isValidTimeouts.add((Integer) arguments[0]);
                        yield true;
                    }
                    case "getMetaData" -> Proxy.newProxyInstance(Connection.class.getClassLoader(),
                            new Class<?>[] {java.sql.DatabaseMetaData.class},
                            (metaProxy, metaMethod, metaArguments) -> "FakeDB");
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private static class FakeDataSource extends TestDataSource {
        private final ConnectionSource source;

        FakeDataSource(ConnectionSource source) {
            this.source = source;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return source.get();
        }
    }

    // Stands for a pool whose connections are all taken: getConnection waits until released.
    private static final class BlockingDataSource extends FakeDataSource {
        final List<Thread> calls;

        BlockingDataSource(CountDownLatch release) {
            this(release, new CopyOnWriteArrayList<>());
        }

        private BlockingDataSource(CountDownLatch release, List<Thread> calls) {
            super(() -> {
                calls.add(Thread.currentThread());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("pool closed");
            });
            this.calls = calls;
        }
    }
}
