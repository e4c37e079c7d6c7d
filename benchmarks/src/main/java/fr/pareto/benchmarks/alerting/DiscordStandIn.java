package fr.pareto.benchmarks.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local Discord webhook endpoint with Discord's per-webhook rate limit: {@code limit} requests
 * per window, the window starting at its first request. Within the limit it answers 200 with
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset-After}; beyond it, 429 with
 * {@code retry_after}. It counts, per webhook, the requests, the embeds it accepted and the
 * requests that arrived during a cooldown (while the window's requests were used up).
 */
final class DiscordStandIn implements AutoCloseable {

    /** The counters and rate-limit window of one webhook. */
    static final class Webhook {
        private final int limit;
        private final long windowNanos;
        private long windowStart;
        private int used;
        int requests;
        int accepted;
        int embedsAccepted;
        int duringCooldown;
        long firstRequestNanos;
        long lastAcceptedNanos;

        Webhook(int limit, long windowNanos) {
            this.limit = limit;
            this.windowNanos = windowNanos;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int limit;
    private final long windowNanos;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "discord-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();

    DiscordStandIn(int limit, long windowMillis) throws IOException {
        // Without TCP_NODELAY each exchange with the JDK server took about 47 ms on the benchmark
        // machine (delayed ACKs), which held the naive client far below the storm's pace.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/api/webhooks/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Returns the URL of a webhook; each id has its own rate limit. */
    String webhookUrl(String id) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/" + id + "/stand-in-token";
    }

    /** Returns what the webhook with this id saw. */
    Webhook webhook(String id) {
        return webhooks.computeIfAbsent(id, key -> new Webhook(limit, windowNanos));
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String id = exchange.getRequestURI().getPath().split("/")[3];
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        JsonNode payload = JSON.readTree(body);

        Webhook webhook = webhook(id);
        int status;
        String response;
        synchronized (webhook) {
            if (webhook.requests == 0) {
                webhook.firstRequestNanos = now;
            }
            webhook.requests++;
            if (webhook.used == 0 || now - webhook.windowStart >= webhook.windowNanos) {
                webhook.windowStart = now;
                webhook.used = 0;
            }
            double resetAfter = Math.max(0, webhook.windowStart + webhook.windowNanos - now) / 1e9;
            String reset = String.format(Locale.ROOT, "%.3f", resetAfter + 0.0005);
            if (webhook.used >= webhook.limit) {
                webhook.duringCooldown++;
                status = 429;
                response = "{\"message\":\"You are being rate limited.\",\"retry_after\":" + reset + ",\"global\":false}";
                exchange.getResponseHeaders().add("Retry-After", String.valueOf((long) Math.ceil(resetAfter)));
            } else {
                webhook.used++;
                webhook.accepted++;
                webhook.embedsAccepted += payload.path("embeds").size();
                webhook.lastAcceptedNanos = now;
                status = 200;
                response = "{\"id\":\"" + webhook.accepted + "\"}";
                exchange.getResponseHeaders().add("X-RateLimit-Limit", String.valueOf(webhook.limit));
                exchange.getResponseHeaders().add("X-RateLimit-Remaining", String.valueOf(webhook.limit - webhook.used));
                exchange.getResponseHeaders().add("X-RateLimit-Reset-After", reset);
            }
        }

        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
