package fr.pareto.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls a health URL every 20 ms on a daemon thread, as a load balancer or Uptime Kuma would,
 * with the detail token. Each body goes through the {@link Transcript} and is parsed strictly;
 * a request that gets no HTTP response within 5 seconds counts as a failure to serve.
 */
final class HealthProber implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;
    private final Thread thread;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicReference<JsonNode> last = new AtomicReference<>();
    private volatile boolean running = true;

    HealthProber(URI uri, String token) {
        this.request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        this.thread = new Thread(this::run, "health-prober");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                Transcript.add(Transcript.Kind.HEALTH_BODY, response.body());
                last.set(StrictJson.parse("health body", response.body()));
                answered.incrementAndGet();
                if (response.statusCode() == 503) {
                    unavailable.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | AssertionError e) {
                unanswered.incrementAndGet();
                Transcript.addException(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Returns the status of one check in the latest body, such as {@code error}. */
    String checkStatus(String check) {
        JsonNode body = last.get();
        return body == null ? "" : body.path("checks").path(check).asText();
    }

    /** Returns the message of one check in the latest body, empty when none. */
    String checkMessage(String check) {
        JsonNode body = last.get();
        return body == null ? "" : body.path("details").path(check).path("message").asText();
    }

    /** Returns the number of requests answered with any HTTP status. */
    long answered() {
        return answered.get();
    }

    /** Returns the number of requests answered 503. */
    long unavailable() {
        return unavailable.get();
    }

    /** Returns the number of requests that got no response in time. */
    long unanswered() {
        return unanswered.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
