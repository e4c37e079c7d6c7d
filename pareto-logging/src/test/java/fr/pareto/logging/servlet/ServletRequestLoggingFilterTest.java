package fr.pareto.logging.servlet;

import static fr.pareto.logging.test.LogAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.pareto.logging.support.HttpGet;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The servlet filter in a real Jetty 12 (ee10) server on loopback. */
class ServletRequestLoggingFilterTest {

    private static final List<String> MDC_AFTER_FILTER = new CopyOnWriteArrayList<>();
    private static Server server;
    private static URI base;

    @BeforeAll
    static void startJetty() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        Filter probe = (request, response, chain) -> {
            chain.doFilter(request, response);
            MDC_AFTER_FILTER.add(String.valueOf(MDC.get("request_id")));
        };
        FilterHolder probeHolder = new FilterHolder(probe);
        probeHolder.setAsyncSupported(true);
        context.addFilter(probeHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder loggingHolder = new FilterHolder(new RequestLoggingFilter());
        loggingHolder.setAsyncSupported(true);
        context.addFilter(loggingHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servletHolder = new ServletHolder(new AppServlet());
        servletHolder.setAsyncSupported(true);
        context.addServlet(servletHolder, "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.stop();
    }

    @Test
    void logsRequestHandledWithoutQuery() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpGet.Response response = get("/api/products?page=2&token=secret", null);

            assertThat(response.status()).isEqualTo(200);
            CapturedEvent event = awaitRequestEvent(logs);
            assertThat(event).hasLevel("info")
                    .hasField("module", "api")
                    .hasField("method", "GET")
                    .hasField("path", "/api/products")
                    .hasField("status", 200)
                    .hasField("logger", "fr.pareto.logging.requests")
                    .doesNotContain("secret");
            assertThat(event.field("duration_ms")).get().isInstanceOf(Number.class);
        }
    }

    @Test
    void validRequestIdIsKeptEverywhere() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpGet.Response response = get("/api/work", "abc-123_X.y:z");

            assertThat(response.requestId()).contains("abc-123_X.y:z");
            awaitRequestEvent(logs);
            assertThat(logs).hasEvent("working").hasField("request_id", "abc-123_X.y:z");
            assertThat(logs).hasEvent("request handled").hasField("request_id", "abc-123_X.y:z");
        }
    }

    @Test
    void invalidRequestIdIsReplaced() throws Exception {
        for (String invalid : List.of("has space", "x".repeat(129), "quote\"d", "é")) {
            try (LogCapture logs = LogCapture.start()) {
                HttpGet.Response response = get("/api/work", invalid);

                String id = response.requestId().orElseThrow();
                assertThat(id).as("replacement of %s", invalid).matches("[0-9a-f]{32}");
                assertThat(awaitRequestEvent(logs)).hasField("request_id", id);
            }
        }
    }

    @Test
    void missingRequestIdIsGenerated() throws Exception {
        HttpGet.Response first = get("/api/work", null);
        HttpGet.Response second = get("/api/work", null);

        assertThat(first.requestId()).get().asString().matches("[0-9a-f]{32}");
        assertThat(first.requestId()).isNotEqualTo(second.requestId());
    }

    @Test
    void mdcIsCleanedAfterTheRequest() throws Exception {
        MDC_AFTER_FILTER.clear();
        get("/api/work", "clean-me");

        await().atMost(Duration.ofSeconds(30)).until(() -> !MDC_AFTER_FILTER.isEmpty());
        assertThat(MDC_AFTER_FILTER).containsOnly("null");
    }

    @Test
    void failingServletIsLoggedAs500() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpGet.Response response = get("/api/fail", null);

            assertThat(response.status()).isEqualTo(500);
            assertThat(awaitRequestEvent(logs)).hasField("status", 500).hasField("path", "/api/fail");
        }
    }

    @Test
    void asyncRequestIsLoggedWhenItCompletes() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpGet.Response response = get("/api/async", "async-1");

            assertThat(response.status()).isEqualTo(202);
            awaitRequestEvent(logs);
            assertThat(logs).hasEvent("request handled").hasField("status", 202).hasField("request_id", "async-1")
                    .hasField("path", "/api/async");
        }
    }

    @Test
    void statusSetByServletIsLogged() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            get("/api/missing", null);

            assertThat(awaitRequestEvent(logs)).hasField("status", 404);
        }
    }

    private static CapturedEvent awaitRequestEvent(LogCapture logs) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !logs.events("request handled").isEmpty());
        return logs.events("request handled").get(0);
    }

    private static HttpGet.Response get(String path, String requestId) throws IOException {
        return HttpGet.send("GET", base.resolve(path), requestId);
    }

    private static final class AppServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            switch (request.getRequestURI()) {
                case "/api/fail" -> throw new IllegalStateException("handler failed");
                case "/api/missing" -> response.sendError(404);
                case "/api/async" -> {
                    AsyncContext async = request.startAsync();
                    Thread completer = new Thread(() -> {
                        ((HttpServletResponse) async.getResponse()).setStatus(202);
                        async.complete();
                    }, "async-completer");
                    completer.start();
                }
                default -> {
                    LoggerFactory.getLogger("app").info("working");
                    response.setContentType("text/plain");
                    response.getWriter().write("ok");
                }
            }
        }
    }
}
