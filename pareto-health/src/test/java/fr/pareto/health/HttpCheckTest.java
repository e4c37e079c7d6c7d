package fr.pareto.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCheckTest {

    private static HttpServer server;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static String base;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "http-check-test");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/ok", exchange -> reply(exchange, 200, "status: all good"));
        server.createContext("/maintenance", exchange -> reply(exchange, 200, "status: maintenance"));
        server.createContext("/down", exchange -> reply(exchange, 503, "down"));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            reply(exchange, 301, "");
        });
        server.createContext("/auth", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            reply(exchange, "Bearer s3cret".equals(authorization) ? 200 : 401, "");
        });
        server.createContext("/hang", exchange -> {
            awaitRelease();
            reply(exchange, 200, "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void expectedStatusIsOk() {
        HealthResult result = HttpCheck.builder(base + "/ok").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(result.details()).containsEntry("status_code", 200).containsKey("response_ms");
    }

    @Test
    void unexpectedStatusIsAnError() {
        HealthResult result = HttpCheck.builder(base + "/down").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValue("HTTP 503 from " + base + "/down, expected 200-299");
    }

    @Test
    void customStatusRangeAcceptsIt() {
        HealthResult result = HttpCheck.builder(base + "/down").expectedStatus(500, 599).build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
    }

    @Test
    void redirectsAreNotFollowedByDefault() {
        HealthResult result = HttpCheck.builder(base + "/moved").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message ->
                assertThat(message).startsWith("HTTP 301").contains("followRedirects(true)"));
    }

    @Test
    void redirectsAreFollowedWhenAsked() {
        HealthResult result = HttpCheck.builder(base + "/moved").followRedirects(true).bodyContains("all good").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(result.details()).containsEntry("status_code", 200);
    }

    @Test
    void missingKeywordIsAnError() {
        HealthResult result = HttpCheck.builder(base + "/maintenance").bodyContains("all good").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("\"all good\" not found"));
    }

    @Test
    void unwantedKeywordIsAnError() {
        HttpCheck check = HttpCheck.builder(base + "/maintenance").bodyNotContains("maintenance").build();

        assertThat(check.check().status()).isEqualTo(HealthStatus.ERROR);
        assertThat(HttpCheck.builder(base + "/ok").bodyNotContains("maintenance").build().check().status())
                .isEqualTo(HealthStatus.OK);
    }

    @Test
    void keywordBeyondBodyLimitIsNotFound() {
        HttpCheck check = HttpCheck.builder(base + "/ok").bodyContains("good").maxBodyBytes(8).build();

        assertThat(check.check().status()).isEqualTo(HealthStatus.ERROR);
    }

    @Test
    void hangingServerTimesOut() {
        HttpCheck check = HttpCheck.builder(base + "/hang").timeout(Duration.ofMillis(300)).build();

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValue("timed out after 300 ms waiting for " + base + "/hang");
    }

    @Test
    void closedPortIsAnError() throws IOException {
        HealthResult result = HttpCheck.builder("http://127.0.0.1:" + TestPorts.closedPort() + "/health").build().check();

        assertThat(result.status()).isEqualTo(HealthStatus.ERROR);
        assertThat(result.message()).hasValueSatisfying(message -> assertThat(message).contains("failed"));
    }

    @Test
    void headersAreSentButNeverShown() {
        HttpCheck check = HttpCheck.builder(base + "/auth").header("Authorization", "Bearer s3cret").build();

        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(HealthStatus.OK);
        assertThat(result.toString() + result.details() + check).doesNotContain("s3cret");
    }

    @Test
    void credentialsInUrlAreNeverShown() {
        HttpCheck check = HttpCheck.builder("http://admin:hunter2@127.0.0.1:1/x?token=abc").build();

        assertThat(check.url()).isEqualTo("http://127.0.0.1:1/x");
        assertThat(check.name() + check + check.check()).doesNotContain("hunter2").doesNotContain("abc");
    }

    @Test
    void builderRejectsBadValues() {
        assertThatThrownBy(() -> HttpCheck.builder("ftp://host/file"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid URL: ftp://host/file");
        assertThatThrownBy(() -> HttpCheck.builder("not a url"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid URL");
        assertThatThrownBy(() -> HttpCheck.builder(base).expectedStatus(300, 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300-200");
        assertThatThrownBy(() -> HttpCheck.builder(base).bodyContains(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyword");
        assertThatThrownBy(() -> HttpCheck.builder(base).header("Host", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpCheck.builder(base).maxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes: 0");
    }

    private static void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
