package fr.pareto.health.redis;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import fr.pareto.health.TestPorts;
import fr.pareto.health.internal.Resp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

class RedisCheckTest {

    private static final String PASSWORD = "redis-s3cret-pw";

    private static RedisServer open;
    private static RedisServer protectedRedis;
    private static int openPort;
    private static int protectedPort;

    @BeforeAll
    static void startRedis() throws IOException {
        openPort = TestPorts.closedPort();
        open = RedisServer.newRedisServer().port(openPort).bind("127.0.0.1").setting("save \"\"").build();
        open.start();
        protectedPort = TestPorts.closedPort();
        protectedRedis = RedisServer.newRedisServer().port(protectedPort).bind("127.0.0.1")
                .setting("save \"\"")
                .setting("requirepass " + PASSWORD)
                .setting("user health on >health-user-pw ~* +ping +select")
                .build();
        protectedRedis.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        open.stop();
        protectedRedis.stop();
    }

    @Test
    void runningRedisIsOk() {
        HealthResult result = RedisCheck.builder("redis://127.0.0.1:" + openPort).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(result.details()).containsEntry("port", openPort).containsEntry("tls", false).containsKey("ping_ms");
    }

    @Test
    void databaseIsSelected() {
        assertThat(RedisCheck.builder("redis://127.0.0.1:" + openPort + "/3").build().check().status()).isEqualTo(HealthStatus.OK);

        HealthResult missing = RedisCheck.builder("redis://127.0.0.1:" + openPort + "/99").build().check();
        assertThat(missing.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(missing.message()).hasValueSatisfying(message -> assertThat(message).contains("rejected SELECT 99: ERR"));
    }

    @Test
    void missingPasswordIsNoauth() {
        HealthResult result = RedisCheck.builder("redis://127.0.0.1:" + protectedPort).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("replied to PING with an error: NOAUTH"));
    }

    @Test
    void passwordIsAccepted() {
        HealthResult result = RedisCheck.builder("redis://:" + PASSWORD + "@127.0.0.1:" + protectedPort).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
    }

    @Test
    void aclUserIsAccepted() {
        HealthResult result = RedisCheck.builder("redis://health:health-user-pw@127.0.0.1:" + protectedPort + "/1").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
    }

    @Test
    void wrongPasswordIsWrongpassWithoutThePassword() {
        RedisCheck check = RedisCheck.builder("redis://health:not-the-pw-42@127.0.0.1:" + protectedPort).build();

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("rejected AUTH: WRONGPASS")
                .doesNotContain("not-the-pw-42"));
        assertThat(check.toString() + result.details()).doesNotContain("not-the-pw-42");
    }

    @Test
    void slowRedisTimesOut() throws Exception {
        ExecutorService sleeper = Executors.newSingleThreadExecutor();
        try {
            Future<?> sleeping = sleeper.submit(() -> command(openPort, "DEBUG", "SLEEP", "3"));
            RedisCheck check = RedisCheck.builder("redis://127.0.0.1:" + openPort).timeout(Duration.ofMillis(500)).build();
            // DEBUG SLEEP blocks the whole server once it is read; retry until this check lands in it.
            HealthResult result = check.check();
            for (int attempt = 0; attempt < 20 && result.status() == HealthStatus.OK; attempt++) {
                result = check.check();
            }

            assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(result.message()).hasValue("timed out after 500 ms waiting for Redis at 127.0.0.1:" + openPort);
            sleeping.get(30, TimeUnit.SECONDS);
        } finally {
            sleeper.shutdownNow();
        }
    }

    @Test
    void stoppedAndRestartedRedisRecovers() throws IOException {
        int port = TestPorts.closedPort();
        RedisServer own = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
        own.start();
        try {
            RedisCheck check = RedisCheck.builder("redis://127.0.0.1:" + port).build();
            assertThat(check.check().status()).isEqualTo(HealthStatus.OK);

            own.stop();
            HealthResult stopped = check.check();
            assertThat(stopped.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(stopped.message()).hasValue("connection refused by Redis at 127.0.0.1:" + port);

            own.start();
            assertThat(check.check().status()).isEqualTo(HealthStatus.OK);
        } finally {
            own.stop();
        }
    }

    @Test
    void loadingReplyIsAnError() throws Exception {
        try (FakeRedis fake = new FakeRedis(null, "-LOADING Redis is loading the dataset in memory\r\n")) {
            HealthResult result = RedisCheck.builder("redis://127.0.0.1:" + fake.port()).build().check();

            assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(result.message()).hasValueSatisfying(message -> assertThat(message)
                    .endsWith("replied to PING with an error: LOADING Redis is loading the dataset in memory"));
        }
    }

    @Test
    void notRedisIsAnError() throws Exception {
        try (FakeRedis fake = new FakeRedis(null, "HTTP/1.1 400 Bad Request\r\n\r\n")) {
            HealthResult result = RedisCheck.builder("redis://127.0.0.1:" + fake.port()).build().check();

            assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
            assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("not a RESP reply"));
        }
    }

    @Test
    void tlsIsUsedForRediss(@TempDir Path directory) throws Exception {
        SSLContext context = selfSignedContext(directory);
        try (FakeRedis fake = new FakeRedis(context, "+PONG\r\n")) {
            RedisCheck check = RedisCheck.builder("rediss://127.0.0.1:" + fake.port()).sslContext(context).build();

            HealthResult result = check.check();

            assertThat(result.status()).isEqualTo(HealthStatus.OK);
            assertThat(result.details()).containsEntry("tls", true);
        }
    }

    @Test
    void tlsAgainstPlainRedisFails() {
        HealthResult result = RedisCheck.builder("rediss://127.0.0.1:" + openPort).timeout(Duration.ofSeconds(2)).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
    }

    @Test
    void clientAdapterChecksThroughTheApplicationClient() {
        HealthCheck pong = RedisCheck.of("cache", () -> "PONG");
        HealthCheck odd = RedisCheck.of("cache", () -> "hello");

        assertThat(pong.name()).isEqualTo("cache");
        assertThat(pong).satisfies(check -> assertThat(check.check().status()).isEqualTo(HealthStatus.OK));
        assertThat(odd).satisfies(check -> assertThat(check.check().message()).hasValue("unexpected reply to PING: hello"));
    }

    private static Resp.Reply command(int port, String... arguments) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            Resp.send(socket.getOutputStream(), arguments);
            return Resp.read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext selfSignedContext(Path directory) throws Exception {
        Path keystore = directory.resolve("redis.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "redis", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** Answers every connection with one fixed reply after reading one command, optionally over TLS. */
    private static final class FakeRedis implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;

        FakeRedis(SSLContext tls, String reply) throws IOException {
            server = tls == null
                    ? new ServerSocket(0, 10, InetAddress.getLoopbackAddress())
                    : (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        Resp.read(new BufferedInputStream(socket.getInputStream()));
                        socket.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        // Closed by the test, or a client gave up: accept the next one.
                    }
                }
            }, "fake-redis");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
