package fr.pareto.examples.scraper;

import fr.pareto.examples.infra.DaemonThreads;
import fr.pareto.logging.ScraperEvents;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches product pages and reads their prices, a few pages at a time.
 *
 * <p>Each fetch is bounded by the timeout given at construction, connection, headers and body
 * included; a page larger than {@value #MAX_PAGE_BYTES} bytes is rejected. Every outcome goes to
 * the {@link ScrapeTracker}. Every failure is logged as {@code scrape failed} with the retailer,
 * the URL and the reason as {@code error} ({@code ScrapeException: HTTP 404}), every success as
 * {@code scrape succeeded} with the price. Thread-safe; {@link #close()} stops the worker threads.
 */
public final class Scraper implements AutoCloseable {

    /** Largest page read, in bytes. */
    public static final int MAX_PAGE_BYTES = 1 << 20;

    /** Pages fetched at the same time. */
    public static final int PARALLELISM = 4;

    private static final Logger log = LoggerFactory.getLogger(Scraper.class);
    private static final ScraperEvents EVENTS = ScraperEvents.of(log);

    private final Duration timeout;
    private final ScrapeTracker tracker;
    private final HttpClient client;
    private final ExecutorService workers;

    /**
     * Creates a scraper.
     *
     * @param timeout bound on one page fetch, positive
     * @param tracker receives every outcome
     */
    public Scraper(Duration timeout, ScrapeTracker tracker) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("Invalid scrape timeout " + timeout + ": it must be positive");
        }
        this.timeout = timeout;
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.workers = Executors.newFixedThreadPool(PARALLELISM, DaemonThreads.named("scraper"));
    }

    /**
     * Scrapes the pages, {@value #PARALLELISM} at a time, and returns one result per target in
     * the same order. Returns within about the timeout times the number of rounds.
     */
    public List<ScrapeResult> scrape(List<ScrapeTarget> targets) {
        List<Future<ScrapeResult>> futures = new ArrayList<>(targets.size());
        for (ScrapeTarget target : targets) {
            futures.add(workers.submit(() -> fetch(target)));
        }
        List<ScrapeResult> results = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            results.add(await(targets.get(i), futures.get(i)));
        }
        for (ScrapeResult result : results) {
            tracker.record(result.succeeded());
            logResult(result);
        }
        return results;
    }

    private ScrapeResult await(ScrapeTarget target, Future<ScrapeResult> future) {
        long started = System.nanoTime();
        try {
            // Queued fetches wait for a worker, so the bound covers every round of the pool.
            long rounds = 1 + PARALLELISM;
            return future.get(timeout.toNanos() * rounds, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return ScrapeResult.failure(target, "timed out after " + timeout.toMillis() + " ms", elapsed(started));
        } catch (ExecutionException e) {
            return ScrapeResult.failure(target, describe(e.getCause()), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return ScrapeResult.failure(target, "interrupted", elapsed(started));
        }
    }

    private ScrapeResult fetch(ScrapeTarget target) {
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(target.url())
                    .timeout(timeout)
                    .header("User-Agent", "pareto-example-scraper/0.1")
                    .header("Accept", "text/html")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String html;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ScrapeException("HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_PAGE_BYTES + 1);
                if (bytes.length > MAX_PAGE_BYTES) {
                    throw new ScrapeException("page larger than " + MAX_PAGE_BYTES + " bytes");
                }
                html = new String(bytes, StandardCharsets.UTF_8);
            }
            BigDecimal price = PriceParser.parse(html);
            return ScrapeResult.success(target, price, elapsed(started));
        } catch (ScrapeException e) {
            return ScrapeResult.failure(target, e.getMessage(), elapsed(started));
        } catch (HttpTimeoutException e) {
            return ScrapeResult.failure(target, "timed out after " + timeout.toMillis() + " ms", elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScrapeResult.failure(target, "interrupted", elapsed(started));
        } catch (IOException | RuntimeException e) {
            return ScrapeResult.failure(target, describe(e), elapsed(started));
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static void logResult(ScrapeResult result) {
        ScrapeTarget target = result.target();
        double millis = result.duration().toNanos() / 1_000_000.0;
        if (result.succeeded()) {
            log.atInfo()
                    .addKeyValue("module", "scraper")
                    .addKeyValue("retailer", target.retailer())
                    .addKeyValue("url", target.url().toString())
                    .addKeyValue("price", result.price().orElseThrow())
                    .addKeyValue("duration_ms", millis)
                    .log("scrape succeeded");
        } else {
            EVENTS.scrapeFailed(target.retailer(), target.url().toString(),
                    ScrapeException.reason(result.error().orElseThrow()));
        }
    }

    /** Stops the worker threads; fetches in flight are interrupted. */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
