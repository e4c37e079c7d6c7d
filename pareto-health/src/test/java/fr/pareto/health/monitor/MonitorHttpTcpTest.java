package fr.pareto.health.monitor;

import com.sun.net.httpserver.HttpServer;
import fr.pareto.health.HttpCheck;
import fr.pareto.health.TestPorts;
import fr.pareto.health.monitor.MonitorEvent.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** HTTP and TCP monitors against a real local server and a closed port, in real time. */
class MonitorHttpTcpTest {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = "{\"status\":\"ok\"}";
    private volatile long delayMillis;
    private MonitorService service;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            try (exchange) {
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    private void start(Monitor monitor) {
        service = MonitorService.builder().monitor(monitor).notifier(notifier).build();
        service.start();
    }

    private Monitor.Builder fast(Monitor.Builder monitor) {
        return monitor.interval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(5)).downAfter(3);
    }

    @Test
    void httpServerErrorGoesDownAndRecovers() {
        start(fast(Monitor.http("API Health", url())).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> service.snapshot("API Health").orElseThrow().status() == MonitorStatus.UP);

        status = 503;
        await().atMost(Duration.ofSeconds(20)).until(() -> notifier.types().contains(Type.DOWN));
        status = 200;
        await().atMost(Duration.ofSeconds(20)).until(() -> notifier.types().contains(Type.UP));

        assertThat(notifier.types()).containsExactly(Type.DOWN, Type.UP);
        MonitorEvent down = notifier.events().get(0);
        assertThat(down.target()).isEqualTo(url());
        assertThat(down.message()).isEqualTo("HTTP 503 from " + url() + ", expected 200-299");
        assertThat(down.failedChecks()).isEqualTo(3);
    }

    @Test
    void missingKeywordIsFailure() {
        start(fast(Monitor.http("API Health", HttpCheck.builder(url()).bodyContains("\"status\":\"ok\""))).downAfter(1).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> service.snapshot("API Health").orElseThrow().status() == MonitorStatus.UP);

        body = "{\"status\":\"error\"}";
        await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.events().isEmpty());

        assertThat(notifier.events().get(0).message()).startsWith("keyword \"\"status\":\"ok\"\" not found");
    }

    @Test
    void unwantedKeywordIsFailure() {
        body = "maintenance page";
        start(fast(Monitor.http("Web", HttpCheck.builder(url()).bodyNotContains("maintenance"))).downAfter(1).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.events().isEmpty());
        assertThat(notifier.events().get(0).message()).startsWith("unwanted keyword \"maintenance\" found");
    }

    @Test
    void slowResponseAboveMaximumIsFailure() {
        delayMillis = 400;
        start(fast(Monitor.http("API Health", url())).maxResponseTime(Duration.ofMillis(100)).downAfter(1).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.events().isEmpty());
        assertThat(notifier.events().get(0).message()).startsWith("responded in ").endsWith("above the maximum of 100 ms");
    }

    @Test
    void hangingServerTimesOut() {
        delayMillis = 5_000;
        start(Monitor.http("API Health", url()).interval(Duration.ofSeconds(30)).timeout(Duration.ofMillis(300)).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.events().isEmpty());
        assertThat(notifier.events().get(0).message()).contains("timed out after 300 ms");
    }

    @Test
    void closedTcpPortIsDown() throws IOException {
        int port = TestPorts.closedPort();
        start(fast(Monitor.tcp("Redis", "127.0.0.1", port)).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.events().isEmpty());
        MonitorEvent down = notifier.events().get(0);
        assertThat(down.type()).isEqualTo(Type.DOWN);
        assertThat(down.target()).isEqualTo("127.0.0.1:" + port);
        assertThat(down.message()).isEqualTo("connection refused by 127.0.0.1:" + port);
    }

    @Test
    void openTcpPortIsUp() {
        start(fast(Monitor.tcp("API port", "127.0.0.1", server.getAddress().getPort())).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> service.snapshot("API port").orElseThrow().heartbeats().size() >= 3);
        assertThat(service.snapshot("API port").orElseThrow().heartbeats())
                .allSatisfy(beat -> assertThat(beat.status()).isEqualTo(MonitorStatus.UP));
        assertThat(notifier.events()).isEmpty();
    }
}
