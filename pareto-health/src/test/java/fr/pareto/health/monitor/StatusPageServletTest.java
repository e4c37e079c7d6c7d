package fr.pareto.health.monitor;

import com.sun.net.httpserver.HttpServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page through both adapters: a real Jetty 12 servlet container and the JDK server. */
class StatusPageServletTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final FakeScheduler scheduler = new FakeScheduler(Instant.parse("2026-12-01T08:00:00Z"));
    private MonitorService service;
    private Server jetty;
    private HttpServer jdk;

    @BeforeEach
    void start() throws Exception {
        ScriptedCheck redis = new ScriptedCheck(scheduler).fail("connection refused by redis:6379");
        service = MonitorService.builder()
                .monitor(Monitor.builder("Redis", redis).target("redis:6379").build())
                .scheduler(scheduler)
                .build();
        service.start();
        scheduler.advance(Duration.ofMinutes(3));
        StatusPage page = StatusPage.builder(service).title("Pareto status").build();

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new StatusPageServlet(page)), "/status");
        context.addServlet(new ServletHolder(new StatusPageServlet(page)), "/status.json");
        context.addServlet(new ServletHolder(new StatusPageServlet(page)), "/board/*");
        jetty.setHandler(context);
        jetty.start();

        jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jdk.createContext("/status", new StatusPageHandler(page));
        jdk.createContext("/board/", new StatusPageHandler(page));
        jdk.start();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        jdk.stop(0);
        service.close();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String jettyBase() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    private String jdkBase() {
        return "http://127.0.0.1:" + jdk.getAddress().getPort();
    }

    @Test
    void servletServesPageAndJson() throws Exception {
        HttpResponse<String> page = get(jettyBase() + "/status");
        HttpResponse<String> json = get(jettyBase() + "/status.json");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<span class=\"name\">Redis</span><span class=\"badge down\">DOWN</span>");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json.body()).contains("\"name\":\"Redis\"", "\"status\":\"down\"");
    }

    @Test
    void jdkHandlerServesPageAndJson() throws Exception {
        HttpResponse<String> page = get(jdkBase() + "/status");
        HttpResponse<String> json = get(jdkBase() + "/status.json");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("1 of 1 monitor is down");
        assertThat(json.body()).contains("\"status\":\"down\"");
    }

    @Test
    void postIsRejected() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(jettyBase() + "/status"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/status/foo", "/statusXYZ", "/status.json/x", "/status.jsonx", "/status/.json",
        "/board/x", "/board/.json"})
    void jdkHandlerAnswers404OutsideItsPaths(String path) throws Exception {
        HttpResponse<String> response = get(jdkBase() + path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).contains("\"status\":404").doesNotContain("Redis");
    }

    @Test
    void jdkHandlerServesTrailingSlash() throws Exception {
        assertThat(get(jdkBase() + "/status/").body()).contains("1 of 1 monitor is down");
        // A context created with a trailing slash receives only the paths below it.
        assertThat(get(jdkBase() + "/board/").body()).contains("1 of 1 monitor is down");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/status/foo", "/statusXYZ", "/status.json/x", "/board/x", "/board/x.json"})
    void servletAnswers404OutsideItsPaths(String path) throws Exception {
        HttpResponse<String> response = get(jettyBase() + path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Redis");
    }

    @Test
    void servletUnderPrefixMappingServesOnlyItsRoot() throws Exception {
        HttpResponse<String> page = get(jettyBase() + "/board");
        HttpResponse<String> slash = get(jettyBase() + "/board/");
        HttpResponse<String> below = get(jettyBase() + "/board/x");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("1 of 1 monitor is down");
        assertThat(slash.statusCode()).isEqualTo(200);
        assertThat(below.statusCode()).isEqualTo(404);
        assertThat(below.body()).contains("/board.json");
    }
}
