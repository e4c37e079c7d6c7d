package fr.pareto.alerting.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Discord stand-in for MockWebServer: allows {@code limit} requests per window, counted from
 * the first request of the window, and answers 429 with {@code retry_after} beyond. It records
 * when each request arrived and when the server said the next one may come.
 */
public final class RateLimitedDiscord extends Dispatcher {

    /** One request as the server saw it. */
    public record Seen(long arrivedNanos, int status, long allowedFromNanos, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int limit;
    private final long windowNanos;
    private final boolean announceLimits;
    private final List<Seen> seen = new ArrayList<>();
    private long windowStart;
    private int used;
    private long blockedUntil = Long.MIN_VALUE;

    /**
     * @param announceLimits whether 2xx answers carry {@code X-RateLimit-Remaining} and
     *     {@code X-RateLimit-Reset-After}; without them the client learns the limit from 429s only
     */
    public RateLimitedDiscord(int limit, long windowMillis, boolean announceLimits) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
        this.announceLimits = announceLimits;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        long now = System.nanoTime();
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (used == 0 || now - windowStart >= windowNanos) {
            windowStart = now;
            used = 0;
        }
        long resetNanos = windowStart + windowNanos - now;
        String resetAfter = String.format(Locale.ROOT, "%.3f", Math.max(0, resetNanos) / 1e9 + 0.0005);
        if (used >= limit) {
            seen.add(new Seen(now, 429, blockedUntil, body));
            blockedUntil = Math.max(blockedUntil, windowStart + windowNanos);
            return new MockResponse.Builder()
                    .code(429)
                    .addHeader("Content-Type", "application/json")
                    .body("{\"message\": \"You are being rate limited.\", \"retry_after\": " + resetAfter + ", \"global\": false}")
                    .build();
        }
        used++;
        seen.add(new Seen(now, 200, blockedUntil, body));
        MockResponse.Builder ok = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("{\"id\": \"1\"}");
        if (announceLimits) {
            if (used == limit) {
                blockedUntil = Math.max(blockedUntil, windowStart + windowNanos);
            }
            ok.addHeader("X-RateLimit-Limit", limit)
                    .addHeader("X-RateLimit-Remaining", limit - used)
                    .addHeader("X-RateLimit-Reset-After", resetAfter);
        }
        return ok.build();
    }

    /** Returns every request seen so far. */
    public synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Returns the number of embeds in the accepted requests. */
    public synchronized int deliveredEmbeds() {
        return seen.stream().filter(s -> s.status() == 200).mapToInt(s -> s.body().path("embeds").size()).sum();
    }

    /** Returns the requests that arrived while the server had said to wait. */
    public synchronized long requestsDuringCooldown() {
        return seen.stream().filter(s -> s.arrivedNanos() < s.allowedFromNanos()).count();
    }
}
