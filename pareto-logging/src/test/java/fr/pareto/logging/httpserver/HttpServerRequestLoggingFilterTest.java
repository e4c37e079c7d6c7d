package fr.pareto.logging.httpserver;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.pareto.logging.support.HttpGet;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The JDK filter in a real {@code HttpServer} on loopback. */
class HttpServerRequestLoggingFilterTest {

    private static final List<String> MDC_AFTER_FILTER = new CopyOnWriteArrayList<>();
    private static HttpServer server;
    private static ExecutorService executor;
    private static URI base;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        HttpContext context = server.createContext("/", HttpServerRequestLoggingFilterTest::handle);
        context.getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                try {
                    chain.doFilter(exchange);
                } finally {
                    MDC_AFTER_FILTER.add(String.valueOf(MDC.get("request_id")));
                }
            }

            @Override
            public String description() {
                return "records MDC after the logging filter";
            }
        });
        context.getFilters().add(new RequestLoggingFilter());
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/fail")) {
            throw new IllegalStateException("handler failed");
        }
        LoggerFactory.getLogger("app").info("working");
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        int status = path.equals("/api/created") ? 201 : 200;
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void logsRequestHandledWithoutQuery() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpGet.Response response = send("POST", "/api/created?password=pw", null);

            assertThat(response.status()).isEqualTo(201);
            CapturedEvent event = awaitRequestEvent(logs);
            assertThat(event).hasField("module", "api")
                    .hasField("method", "POST")
                    .hasField("path", "/api/created")
                    .hasField("status", 201)
                    .doesNotContain("pw\"");
            assertThat(event.field("duration_ms")).get().isInstanceOf(Number.class);
        }
    }

    @Test
    void requestIdReachesHeaderAndEvents() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpGet.Response response = send("GET", "/api/work", "7f0c1e2d-aaaa-bbbb-cccc-0123456789ab");

            assertThat(response.requestId()).contains("7f0c1e2d-aaaa-bbbb-cccc-0123456789ab");
            awaitRequestEvent(logs);
            assertThat(logs).hasEvent("working").hasField("request_id", "7f0c1e2d-aaaa-bbbb-cccc-0123456789ab");
        }
    }

    @Test
    void invalidRequestIdIsReplaced() throws Exception {
        HttpGet.Response response = send("GET", "/api/work", "<script>");

        assertThat(response.requestId()).get().asString().matches("[0-9a-f]{32}");
    }

    @Test
    void mdcIsCleanedAfterTheExchange() throws Exception {
        MDC_AFTER_FILTER.clear();
        send("GET", "/api/work", "clean-me");

        await().atMost(Duration.ofSeconds(30)).until(() -> !MDC_AFTER_FILTER.isEmpty());
        assertThat(MDC_AFTER_FILTER).containsOnly("null");
    }

    @Test
    void failingHandlerIsLoggedAs500() {
        try (LogCapture logs = LogCapture.start()) {
            try {
                send("GET", "/api/fail", null);
            } catch (IOException expected) {
                // The JDK server closes the connection when a handler throws.
            }

            assertThat(awaitRequestEvent(logs)).hasField("status", 500).hasField("path", "/api/fail");
        }
    }

    private static CapturedEvent awaitRequestEvent(LogCapture logs) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !logs.events("request handled").isEmpty());
        return logs.events("request handled").get(0);
    }

    private static HttpGet.Response send(String method, String path, String requestId) throws IOException {
        return HttpGet.send(method, base.resolve(path), requestId);
    }
}
