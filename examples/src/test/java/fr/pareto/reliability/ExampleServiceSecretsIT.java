package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * The example service, started from its shaded jar, with canaries in every setting that contains
 * a secret (Discord webhook token, Redis password, SMTP password, health token) and in the
 * headers and query strings of the requests it serves. Its whole standard output and error,
 * every response body and every Discord payload it sends must be free of them.
 */
class ExampleServiceSecretsIT {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    @TempDir
    Path directory;

    @Test
    void serviceNeverPrintsPlantedSecrets() throws Exception {
        FakeDiscord discord = new FakeDiscord();
        int redisPort = Loopback.closedPort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("requirepass " + Canaries.REDIS_PASSWORD).build();
        redis.start();
        int port = Loopback.closedPort();
        Path stdout = directory.resolve("stdout.log");
        Path stderr = directory.resolve("stderr.log");
        Process service = null;
        try (MockWebServer server = Loopback.start(discord)) {
            service = start(port, redisPort, server, stdout, stderr);
            Process running = service;
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            await().atMost(STARTUP).until(() -> {
                assertThat(running.isAlive()).as("service alive; stderr: %s", tail(stderr)).isTrue();
                return status(client, base.resolve("/health/live")) == 200;
            });

            for (String path : List.of("/api/products?limit=5&token=" + Canaries.QUERY_TOKEN,
                    "/health/detailed", "/health?token=" + Canaries.QUERY_TOKEN, "/errors", "/status.json",
                    "/api/nothing?token=" + Canaries.QUERY_TOKEN)) {
                HttpResponse<String> response = client.send(request(base.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                Transcript.add(Transcript.Kind.HEALTH_BODY, response.body());
                response.headers().map().values().forEach(values -> Transcript.addAll(Transcript.Kind.HEALTH_BODY, values));
            }
            HttpResponse<String> scrape = client.send(request(base.resolve("/api/scrape?token=" + Canaries.QUERY_TOKEN))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            Transcript.add(Transcript.Kind.HEALTH_BODY, scrape.body());
        } finally {
            if (service != null) {
                service.destroy();
                if (!service.waitFor(60, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
            redis.stop();
        }

        List<String> output = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        Transcript.addAll(Transcript.Kind.LOG_LINE, output);
        Transcript.addAll(Transcript.Kind.LOG_LINE, Files.readAllLines(stderr, StandardCharsets.UTF_8));
        assertThat(output).as("service log lines").isNotEmpty();
        assertThat(Transcript.findings()).as("canaries in the service's output").isEmpty();
    }

    private static Process start(int port, int redisPort, MockWebServer discord, Path stdout, Path stderr)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("example.jar", "target/pareto-example-service.jar");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PARETO_") || name.startsWith("DATABASE_")
                || name.equals("REDIS_URL") || name.equals("PORT"));
        environment.put("PORT", Integer.toString(port));
        environment.put("REDIS_URL", "redis://:" + Canaries.REDIS_PASSWORD + "@127.0.0.1:" + redisPort);
        environment.put("PARETO_DISCORD_WEBHOOK_URL", Loopback.webhook(discord));
        environment.put("PARETO_HEALTH_TOKEN", Canaries.AUTHORIZATION);
        environment.put("PARETO_SMTP_HOST", "127.0.0.1");
        environment.put("PARETO_SMTP_PORT", Integer.toString(Loopback.closedPort()));
        environment.put("PARETO_SMTP_USER", "alerts");
        environment.put("PARETO_SMTP_PASSWORD", Canaries.SMTP_PASSWORD);
        environment.put("PARETO_ALERT_EMAIL_FROM", "alerts@pareto.test");
        environment.put("PARETO_ALERT_EMAIL_TO", "oncall@pareto.test");
        environment.put("PARETO_LOG_FORMAT", "json");
        return builder.start();
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Canaries.AUTHORIZATION)
                .header("Cookie", "session=" + Canaries.COOKIE);
    }

    private static int status(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
