package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.RetryPolicy;
import fr.pareto.alerting.discord.DiscordNotifier;
import fr.pareto.alerting.email.EmailNotifier;
import fr.pareto.alerting.logback.AlertAppender;
import fr.pareto.alerting.webhook.JsonWebhookNotifier;
import fr.pareto.errors.EndpointResponse;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.ErrorsEndpoint;
import fr.pareto.errors.httpserver.ErrorTrackingFilter;
import fr.pareto.examples.testing.StubDataSource;
import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HttpCheck;
import fr.pareto.health.jdbc.DataSourceCheck;
import fr.pareto.health.redis.RedisCheck;
import fr.pareto.logging.ScraperEvents;
import fr.pareto.logging.httpserver.RequestLoggingFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Plants the {@link Canaries} wherever a user could hand a secret to the libraries: log
 * messages, key-value pairs, MDC and exceptions; request headers and query strings of served
 * requests; webhook URLs, SMTP passwords and header values of notifiers; database and Redis
 * URLs of health checks; error contexts. Every log line, response body, alert payload, error
 * event and exception message they produce goes through the {@link Transcript}, and
 * {@link ScannedOutput} fails the test when a canary shows up.
 */
@ExtendWith(ScannedOutput.class)
class SecretsTest {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("fr.pareto.reliability.secrets");

    @Test
    void logEventsMaskPlantedSecrets() {
        MDC.put("cookie", "session=" + Canaries.COOKIE);
        try {
            LOG.atInfo()
                    .addKeyValue("password", Canaries.DB_PASSWORD)
                    .addKeyValue("authorization", "Bearer " + Canaries.AUTHORIZATION)
                    .addKeyValue("request", Map.of("headers", Map.of("Cookie", "session=" + Canaries.COOKIE)))
                    .log("connecting to jdbc:postgresql://app:{}@db:5432/pareto", Canaries.URL_PASSWORD);
            LOG.info("callback GET /api/payments?order=42&token={}", Canaries.QUERY_TOKEN);
            LOG.atError()
                    .setCause(new IllegalStateException("login failed with password=" + Canaries.DB_PASSWORD,
                            new IOException("GET https://user:" + Canaries.URL_PASSWORD + "@shop.test/x?token="
                                    + Canaries.QUERY_TOKEN + " failed")))
                    .log("checkout failed");
        } finally {
            MDC.remove("cookie");
        }
        ScraperEvents.of(LOG).scrapeFailed("fnac", "https://shop.test/p/1?token=" + Canaries.QUERY_TOKEN,
                new IOException("proxy refused Authorization: Bearer " + Canaries.AUTHORIZATION));

        assertThat(ScannedOutput.capture().lines()).hasSize(4);
        Figures.add("secrets.planting_tests", 1);
    }

    @Test
    void servedRequestsMaskHeadersAndQueries() throws Exception {
        ErrorTracker tracker = ErrorTracker.builder().name("secrets-http").flushOnExit(false).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        HttpContext failing = server.createContext("/api/payments", exchange -> {
            throw new IllegalStateException("payment callback rejected: token=" + Canaries.QUERY_TOKEN);
        });
        failing.getFilters().add(new RequestLoggingFilter());
        failing.getFilters().add(new ErrorTrackingFilter(tracker));
        HttpContext working = server.createContext("/api/products", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        working.getFilters().add(new RequestLoggingFilter());
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String path : List.of("/api/payments?order=42&token=" + Canaries.QUERY_TOKEN,
                    "/api/products?page=2&token=" + Canaries.QUERY_TOKEN)) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + Canaries.AUTHORIZATION)
                        .header("Cookie", "session=" + Canaries.COOKIE)
                        .header("X-Api-Key", Canaries.AUTHORIZATION)
                        .build(), HttpResponse.BodyHandlers.ofString());
                Transcript.add(Transcript.Kind.ERROR_EVENT, response.body());
                response.headers().map().forEach((name, values) -> Transcript.addAll(Transcript.Kind.ERROR_EVENT, values));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> tracker.stats().recorded() == 1);
            EndpointResponse errors = ErrorsEndpoint.open(tracker).handle("GET", null, null);
            Transcript.add(Transcript.Kind.ERROR_EVENT, errors.body());
            StrictJson.parse("errors body", errors.bodyBytes());
            assertThat(errors.body()).contains("payment callback rejected");
        } finally {
            server.stop(0);
            tracker.close();
        }
        Figures.add("secrets.planting_tests", 1);
    }

    @Test
    void errorContextsAreScrubbed() {
        try (ErrorTracker tracker = ErrorTracker.builder().name("secrets-context").flushOnExit(false).build()) {
            Map<String, String> context = new LinkedHashMap<>();
            context.put("Authorization", "Bearer " + Canaries.AUTHORIZATION);
            context.put("cookie", "session=" + Canaries.COOKIE);
            context.put(ErrorContext.QUERY, "order=42&token=" + Canaries.QUERY_TOKEN);
            context.put("db_password", Canaries.DB_PASSWORD);
            context.put("upstream", "https://shop.test/feed?token=" + Canaries.QUERY_TOKEN);
            tracker.capture(new IllegalStateException("feed import failed"), ErrorContext.of(context));

            EndpointResponse errors = ErrorsEndpoint.open(tracker).handle("GET", "sort=recent", null);
            Transcript.add(Transcript.Kind.ERROR_EVENT, errors.body());
            assertThat(errors.body()).contains("feed import failed");
            capture(() -> ErrorsEndpoint.withToken(tracker, "short" + Canaries.AUTHORIZATION.substring(0, 5)));
            EndpointResponse denied = ErrorsEndpoint.withToken(tracker, Canaries.AUTHORIZATION)
                    .handle("GET", "token=" + Canaries.QUERY_TOKEN, "Bearer wrong-" + Canaries.COOKIE);
            Transcript.add(Transcript.Kind.ERROR_EVENT, denied.body());
            assertThat(denied.status()).isEqualTo(401);
        }
        Figures.add("secrets.planting_tests", 1);
    }

    @Test
    void healthChecksHideConnectionSecrets() {
        StubDataSource echoing = new EchoingDataSource("FATAL: connection to jdbc:postgresql://app:" + Canaries.URL_PASSWORD
                + "@127.0.0.1:1/pareto?password=" + Canaries.DB_PASSWORD + " failed");
        int closed = Loopback.closedPort();
        List<HealthCheck> checks = List.of(
                DataSourceCheck.builder(echoing).name("database").timeout(Duration.ofSeconds(1)).build(),
                RedisCheck.builder("redis://:" + Canaries.REDIS_PASSWORD + "@127.0.0.1:" + closed).name("redis")
                        .timeout(Duration.ofSeconds(1)).build(),
                RedisCheck.builder("redis://default:" + Canaries.REDIS_PASSWORD + "@127.0.0.1:" + closed + "/2").name("redis_acl")
                        .timeout(Duration.ofSeconds(1)).build(),
                HttpCheck.builder("http://probe:" + Canaries.URL_PASSWORD + "@127.0.0.1:" + closed + "/health?token="
                        + Canaries.QUERY_TOKEN).name("upstream").timeout(Duration.ofSeconds(1)).build());
        for (HealthCheck check : checks) {
            Transcript.add(Transcript.Kind.EXCEPTION_MESSAGE, check.toString());
        }
        capture(() -> RedisCheck.builder("redis://:" + Canaries.REDIS_PASSWORD + "@127.0.0.1:notaport"));
        capture(() -> HttpCheck.builder("ftp://probe:" + Canaries.URL_PASSWORD + "@127.0.0.1/health"));

        HealthRegistry.Builder builder = HealthRegistry.builder();
        checks.forEach(builder::register);
        try (HealthRegistry registry = builder.build()) {
            HealthEndpoint endpoint = HealthEndpoint.builder(registry).token(Canaries.AUTHORIZATION).build();
            capture(() -> HealthEndpoint.builder(registry).token("short " + Canaries.COOKIE.substring(0, 4)));
            for (HealthRequest request : List.of(
                    HealthRequest.get("/detailed").withBearerToken(Canaries.AUTHORIZATION),
                    HealthRequest.get("").withBearerToken(Canaries.AUTHORIZATION),
                    HealthRequest.get("/detailed").withBearerToken("wrong-" + Canaries.COOKIE))) {
                HealthResponse response = endpoint.respond(request);
                Transcript.add(Transcript.Kind.HEALTH_BODY, response.bodyText());
                StrictJson.parse("health body", response.body());
            }
            assertThat(endpoint.respond(HealthRequest.get("/detailed").withBearerToken(Canaries.AUTHORIZATION)).bodyText())
                    .contains("\"database\"", "\"redis\"", "\"upstream\"");
        }
        Figures.add("secrets.planting_tests", 1);
    }

    @Test
    void notifiersHideTokensAndPasswords() throws Exception {
        capture(() -> DiscordNotifier.builder("https://discord.com/api/webhooks/abc/" + Canaries.WEBHOOK_TOKEN));
        capture(() -> DiscordNotifier.builder("http://example.com/api/webhooks/1/" + Canaries.WEBHOOK_TOKEN));
        capture(() -> DiscordNotifier.builder("https://discord.com/api/webhooks/1/" + Canaries.WEBHOOK_TOKEN + "?wait=true"));
        capture(() -> DiscordNotifier.builder("https://discord.com/api/webhooks/1/" + Canaries.WEBHOOK_TOKEN + " ^"));
        capture(() -> DiscordNotifier.builder("https://discord.com/hooks/1/" + Canaries.WEBHOOK_TOKEN));

        FakeDiscord discord = new FakeDiscord().fault(new MockResponse.Builder().code(401)
                .body("{\"message\":\"Invalid Webhook Token\",\"code\":50027}").build());
        try (MockWebServer server = Loopback.start(discord)) {
            DiscordNotifier notifier = DiscordNotifier.builder(Loopback.webhook(server)).build();
            EmailNotifier email = EmailNotifier.builder("127.0.0.1").port(Loopback.closedPort())
                    .username("alerts").password(Canaries.SMTP_PASSWORD)
                    .from("alerts@pareto.test").to("oncall@pareto.test")
                    .connectTimeout(Duration.ofMillis(500)).build();
            capture(() -> JsonWebhookNotifier.builder(URI.create("http://hooks:" + Canaries.URL_PASSWORD
                    + "@127.0.0.1:" + Loopback.closedPort() + "/alerts")));
            JsonWebhookNotifier webhook = JsonWebhookNotifier.builder(URI.create("http://127.0.0.1:" + Loopback.closedPort()
                            + "/alerts?token=" + Canaries.QUERY_TOKEN))
                    .header("Authorization", "Bearer " + Canaries.AUTHORIZATION)
                    .build();
            for (Object shown : List.of(notifier, email, webhook)) {
                Transcript.add(Transcript.Kind.EXCEPTION_MESSAGE, shown.toString());
            }
            Transcript.add(Transcript.Kind.EXCEPTION_MESSAGE, notifier.name() + " " + email.name() + " " + webhook.name());

            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(notifier).notifier(email).notifier(webhook)
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).withMaxAttempts(2))
                    .deduplicationWindow(Duration.ZERO)
                    .build();
            dispatcher.send(Alert.builder("Webhook rejected").description("planted secrets test").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().failed() == 3);
            dispatcher.close();
            assertThat(notifier.unusableReason()).isPresent();
            Transcript.add(Transcript.Kind.EXCEPTION_MESSAGE, notifier.unusableReason().orElseThrow());
        }
        Figures.add("secrets.planting_tests", 1);
    }

    @Test
    void cookieHeaderInExceptionMessageIsScrubbed() {
        try (ErrorTracker tracker = ErrorTracker.builder().name("secrets-cookie").flushOnExit(false).build()) {
            tracker.capture(new IllegalStateException("payment callback rejected, Cookie: session=" + Canaries.COOKIE));

            EndpointResponse errors = ErrorsEndpoint.open(tracker).handle("GET", null, null);
            Transcript.add(Transcript.Kind.ERROR_EVENT, errors.body());
            assertThat(errors.body()).contains("payment callback rejected");
        }
    }

    @Test
    void urlPasswordInErrorContextIsScrubbed() {
        try (ErrorTracker tracker = ErrorTracker.builder().name("secrets-url").flushOnExit(false).build()) {
            tracker.capture(new IllegalStateException("feed import failed"),
                    ErrorContext.of("upstream", "https://app:" + Canaries.URL_PASSWORD + "@shop.test/feed"));

            EndpointResponse errors = ErrorsEndpoint.open(tracker).handle("GET", null, null);
            Transcript.add(Transcript.Kind.ERROR_EVENT, errors.body());
            assertThat(errors.body()).contains("feed import failed");
        }
    }

    @Test
    void errorLogTurnedIntoAlertIsMasked() throws Exception {
        FakeDiscord discord = new FakeDiscord();
        try (MockWebServer server = Loopback.start(discord)) {
            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(DiscordNotifier.builder(Loopback.webhook(server)).build())
                    .deduplicationWindow(Duration.ZERO)
                    .build();
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fr.pareto.reliability.alerted");
            AlertAppender appender = new AlertAppender(dispatcher);
            appender.setContext(logger.getLoggerContext());
            appender.start();
            logger.addAppender(appender);
            try {
                logger.atError()
                        .setCause(new IllegalStateException("login failed with password=" + Canaries.DB_PASSWORD))
                        .log("database login failed for jdbc:postgresql://app:{}@db/pareto", Canaries.URL_PASSWORD);
            } finally {
                logger.detachAppender(appender);
                appender.stop();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().sent() == 1);
            dispatcher.close();
        }
    }

    /** Runs a call that may reject its input and scans the message of what it throws. */
    private static void capture(Supplier<?> call) {
        try {
            Object built = call.get();
            Transcript.add(Transcript.Kind.EXCEPTION_MESSAGE, String.valueOf(built));
        } catch (RuntimeException rejected) {
            Transcript.addException(rejected);
        }
    }

    /** A data source whose driver puts the whole URL, password included, in its error message. */
    private static final class EchoingDataSource extends StubDataSource {
        private final String message;

        EchoingDataSource(String message) {
            this.message = message;
        }

        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException(message, "08001");
        }
    }
}
