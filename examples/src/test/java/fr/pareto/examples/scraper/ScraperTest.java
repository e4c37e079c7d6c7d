package fr.pareto.examples.scraper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScraperTest {

    private final FixtureShop shop = FixtureShop.start(Duration.ofSeconds(10));
    private final ScrapeTracker tracker = new ScrapeTracker(ScrapeTracker.DEFAULT_WINDOW);
    // Generous timeout: a cold JVM on a busy machine can take a while for its first requests.
    private final Scraper scraper = new Scraper(Duration.ofSeconds(3), tracker);

    @AfterEach
    void stop() {
        scraper.close();
        shop.close();
    }

    @Test
    void fixtureScrapeSucceedsFiveTimes() {
        List<ScrapeResult> results = scraper.scrape(shop.targets());
        Map<String, ScrapeResult> byPath = results.stream()
                .collect(Collectors.toMap(result -> result.target().url().getPath(), Function.identity()));

        assertThat(results).hasSize(FixtureShop.PAGES.size());
        assertThat(results).as("results %s", results).filteredOn(ScrapeResult::succeeded).hasSize(5);
        assertThat(byPath.get("/maison-prix/products/SKU-00001.html").price()).hasValueSatisfying(
                price -> assertThat(price).isEqualByComparingTo("24.90"));
        assertThat(byPath.get("/lumen-store/products/SKU-00005.html").error()).contains("timed out after 3000 ms");
        assertThat(byPath.get("/quai-discount/products/SKU-00006.html").error())
                .hasValueSatisfying(error -> assertThat(error).startsWith("no price element"));
        assertThat(byPath.get("/ferret-electro/products/SKU-00007.html").error()).contains("HTTP 404");
    }

    @Test
    void slowPageIsCutAtTheTimeout() {
        ScrapeTarget slow = shop.targets().get(5);

        ScrapeResult result = scraper.scrape(List.of(slow)).get(0);

        assertThat(result.succeeded()).isFalse();
        // Generous bound: the slow page itself would take 10 s.
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void everyOutcomeReachesTheTracker() {
        scraper.scrape(shop.targets());

        assertThat(tracker.snapshot().attempts()).isEqualTo(8);
        assertThat(tracker.snapshot().successes()).isEqualTo(5);
    }

    @Test
    void refusedConnectionIsAFailure() {
        ScrapeTarget target = new ScrapeTarget("nowhere", "SKU-00001", java.net.URI.create("http://127.0.0.1:1/p.html"));

        ScrapeResult result = scraper.scrape(List.of(target)).get(0);

        assertThat(result.error()).contains("connection refused");
    }
}
