package fr.pareto.health.monitor;

import fr.pareto.alerting.Alert;
import fr.pareto.health.EmbeddedPostgresServer;
import fr.pareto.health.TestPorts;
import fr.pareto.health.jdbc.DataSourceCheck;
import fr.pareto.health.redis.RedisCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitors of a real PostgreSQL and a real Redis that are stopped and started again, and the
 * PostgreSQL advisory lock that lets one replica of several alert.
 */
class MonitorDatabaseTargetsTest {

    private static EmbeddedPostgresServer postgres;
    private static RedisServer redis;
    private static int redisPort;

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private MonitorService service;

    @BeforeAll
    static void startServers() throws IOException {
        postgres = EmbeddedPostgresServer.start();
        redisPort = TestPorts.closedPort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        postgres.close();
        redis.stop();
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    private static Monitor.Builder fast(Monitor.Builder monitor) {
        return monitor.interval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(3)).downAfter(3);
    }

    private List<String> titles() {
        return alerts.stream().map(Alert::title).toList();
    }

    private void awaitAllUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> service.snapshots().stream()
                .allMatch(snapshot -> snapshot.status() == MonitorStatus.UP));
    }

    @Test
    void postgresStoppedAndStartedAgain() throws IOException {
        service = MonitorService.builder()
                .monitor(fast(Monitor.tcp("PostgreSQL port", "127.0.0.1", postgres.port())).build())
                .monitor(fast(Monitor.builder("PostgreSQL", DataSourceCheck.builder(postgres.adminDataSource())
                        .timeout(Duration.ofSeconds(2)).build()).target("postgres on 127.0.0.1")).build())
                .alertSink(alerts::add)
                .build();
        service.start();
        awaitAllUp();

        postgres.stop();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.size() == 2);
            assertThat(titles()).containsExactlyInAnyOrder("PostgreSQL port is down", "PostgreSQL is down");
            assertThat(service.snapshot("PostgreSQL port").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
        } finally {
            postgres.startAgain();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> alerts.size() == 4);
        assertThat(titles().subList(2, 4)).containsExactlyInAnyOrder("PostgreSQL port is up", "PostgreSQL is up");
        assertThat(alerts.get(0).fields()).anySatisfy(field -> {
            assertThat(field.name()).isEqualTo("Error");
            assertThat(field.value()).isNotBlank();
        });
    }

    @Test
    void redisStoppedAndStartedAgain() throws IOException {
        service = MonitorService.builder()
                .monitor(fast(Monitor.tcp("Redis port", "127.0.0.1", redisPort)).build())
                .monitor(fast(Monitor.builder("Redis", RedisCheck.builder("redis://127.0.0.1:" + redisPort).build())).build())
                .alertSink(alerts::add)
                .build();
        service.start();
        awaitAllUp();

        redis.stop();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.size() == 2);
            assertThat(titles()).containsExactlyInAnyOrder("Redis port is down", "Redis is down");
        } finally {
            redis.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> alerts.size() == 4);
        assertThat(titles().subList(2, 4)).containsExactlyInAnyOrder("Redis port is up", "Redis is up");
    }

    @Test
    void advisoryLockHasOneHolderAtTime() {
        try (PostgresAdvisoryLockGate first = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "one-holder");
             PostgresAdvisoryLockGate second = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "one-holder")) {
            assertThat(first.tryAcquire()).isTrue();
            assertThat(first.tryAcquire()).isTrue();
            assertThat(second.tryAcquire()).isFalse();

            first.close();
            assertThat(second.tryAcquire()).isTrue();
        }
    }

    @Test
    void advisoryLockMovesWhenHolderConnectionDies() throws Exception {
        try (PostgresAdvisoryLockGate first = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "failover");
             PostgresAdvisoryLockGate second = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "failover")) {
            assertThat(first.tryAcquire()).isTrue();
            assertThat(second.tryAcquire()).isFalse();

            // As if the first replica's host vanished: the server ends its session and frees the lock.
            try (Connection admin = postgres.adminDataSource().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = "
                        + (first.key() & 0xFFFFFFFFL));
            }

            await().atMost(Duration.ofSeconds(20)).until(second::tryAcquire);
            assertThat(first.tryAcquire()).isFalse();
        }
    }

    @Test
    void advisoryLockFailsOpenWhenDatabaseIsDown() throws IOException {
        try (PostgresAdvisoryLockGate first = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "fail-open");
             PostgresAdvisoryLockGate second = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "fail-open")) {
            assertThat(first.tryAcquire()).isTrue();
            postgres.stop();
            try {
                assertThat(first.tryAcquire()).isTrue();
                assertThat(second.tryAcquire()).isTrue();
            } finally {
                postgres.startAgain();
            }
        }
    }

    @Test
    void twoReplicasSendOneAlertPerTransition() throws IOException {
        int closedPort = TestPorts.closedPort();
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        FakeScheduler firstClock = new FakeScheduler(start);
        FakeScheduler secondClock = new FakeScheduler(start);
        List<Alert> firstAlerts = new CopyOnWriteArrayList<>();
        List<Alert> secondAlerts = new CopyOnWriteArrayList<>();
        Monitor redisMonitor = Monitor.tcp("Redis", "127.0.0.1", closedPort).downAfter(3).build();
        try (PostgresAdvisoryLockGate firstGate = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "replicas");
             PostgresAdvisoryLockGate secondGate = PostgresAdvisoryLockGate.of(postgres.adminDataSource(), "replicas");
             MonitorService first = MonitorService.builder().monitor(redisMonitor).alertSink(firstAlerts::add)
                     .alertGate(firstGate).scheduler(firstClock).build();
             MonitorService second = MonitorService.builder().monitor(redisMonitor).alertSink(secondAlerts::add)
                     .alertGate(secondGate).scheduler(secondClock).build()) {
            first.start();
            second.start();
            for (int minute = 0; minute < 5; minute++) {
                firstClock.advance(Duration.ofMinutes(1));
                secondClock.advance(Duration.ofMinutes(1));
            }

            assertThat(first.snapshot("Redis").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(second.snapshot("Redis").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(firstAlerts).extracting(Alert::title).containsExactly("Redis is down");
            assertThat(secondAlerts).isEmpty();
        }
    }
}
