package fr.pareto.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Discord webhook stand-in for MockWebServer. It returns the scripted faults first, one per
 * request, then applies an optional rate limit ({@code limit} requests per window, 429 with
 * {@code retry_after} beyond it, optionally announced by {@code X-RateLimit-*} headers), then 200.
 *
 * <p>Every request body goes through the {@link Transcript}, is parsed strictly and is checked
 * against {@link DiscordLimits}. Alerts count as delivered when their embed arrives in a request
 * answered 200, and each delivered title is counted, so a test can prove that none was lost or
 * sent twice.
 */
final class FakeDiscord extends Dispatcher {

    private final Deque<MockResponse> faults = new ArrayDeque<>();
    private final int limit;
    private final long windowNanos;
    private final boolean announceLimits;
    private final Map<String, Integer> delivered = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private int deliveredEmbeds;
    private int rateLimited;
    private int requestsDuringCooldown;
    private long windowStart;
    private int used;
    private long blockedUntil = Long.MIN_VALUE;

    /** A stand-in without rate limit. */
    FakeDiscord() {
        this(Integer.MAX_VALUE, 1, false);
    }

    /**
     * A stand-in that allows {@code limit} requests per window of {@code windowMillis}. With
     * {@code announceLimits}, 200 responses carry {@code X-RateLimit-Remaining} and
     * {@code X-RateLimit-Reset-After}; without, the client learns the limit from 429 responses only.
     */
    FakeDiscord(int limit, long windowMillis, boolean announceLimits) {
        this.limit = limit;
        this.windowNanos = windowMillis * 1_000_000L;
        this.announceLimits = announceLimits;
    }

    /** Queues responses returned before any success, in order. */
    synchronized FakeDiscord fault(MockResponse... responses) {
        faults.addAll(List.of(responses));
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        String text = StrictJson.utf8("Discord payload", bytes);
        Transcript.add(Transcript.Kind.ALERT_PAYLOAD, text);
        JsonNode payload = text.isEmpty() ? null : StrictJson.parse("Discord payload", text);
        synchronized (this) {
            if (payload == null) {
                violations.add("request without a body: " + request.getRequestLine());
                return new MockResponse.Builder().code(400).body("{\"message\":\"Cannot send an empty message\",\"code\":50006}").build();
            }
            violations.addAll(DiscordLimits.violations(payload));
            MockResponse fault = faults.poll();
            if (fault != null) {
                return fault;
            }
            long now = System.nanoTime();
            if (now < blockedUntil) {
                requestsDuringCooldown++;
            }
            if (used == 0 || now - windowStart >= windowNanos) {
                windowStart = now;
                used = 0;
            }
            double resetSeconds = Math.max(0, windowStart + windowNanos - now) / 1e9;
            if (used >= limit) {
                rateLimited++;
                blockedUntil = Math.max(blockedUntil, windowStart + windowNanos);
                return rateLimit(resetSeconds);
            }
            used++;
            if (used == limit && announceLimits) {
                // X-RateLimit-Remaining: 0 announces that the next request must wait for the reset.
                blockedUntil = Math.max(blockedUntil, windowStart + windowNanos);
            }
            for (JsonNode embed : payload.path("embeds")) {
                deliveredEmbeds++;
                delivered.merge(embed.path("title").asText(), 1, Integer::sum);
            }
            MockResponse.Builder ok = new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json")
                    .body("{\"id\":\"" + requests.get() + "\"}");
            if (announceLimits) {
                ok.addHeader("X-RateLimit-Limit", Integer.toString(limit))
                        .addHeader("X-RateLimit-Remaining", Integer.toString(limit - used))
                        .addHeader("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetSeconds + 0.001));
            }
            return ok.build();
        }
    }

    /** Returns a 429 asking to wait {@code seconds}, as Discord words it. */
    static MockResponse rateLimit(double seconds) {
        return new MockResponse.Builder()
                .code(429)
                .addHeader("Content-Type", "application/json")
                .body(String.format(Locale.ROOT,
                        "{\"message\":\"You are being rate limited.\",\"retry_after\":%.3f,\"global\":false}", seconds + 0.001))
                .build();
    }

    /** Returns the number of requests received. */
    int requests() {
        return requests.get();
    }

    /** Returns how many embeds arrived in requests answered 200. */
    synchronized int deliveredEmbeds() {
        return deliveredEmbeds;
    }

    /** Returns how many times each title was delivered. */
    synchronized Map<String, Integer> deliveredTitles() {
        return Map.copyOf(delivered);
    }

    /** Returns the limits broken by any payload. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Returns how many requests were answered 429 by the rate limit (scripted faults excluded). */
    synchronized int rateLimited() {
        return rateLimited;
    }

    /**
     * Returns how many requests arrived before a reset announced to the client, through
     * {@code X-RateLimit-Remaining: 0} or a 429 with {@code retry_after}.
     */
    synchronized int requestsDuringCooldown() {
        return requestsDuringCooldown;
    }
}
