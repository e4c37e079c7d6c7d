package fr.pareto.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.examples.catalog.Catalog;
import fr.pareto.examples.catalog.ProductCache;
import fr.pareto.examples.scraper.ScrapeResult;
import fr.pareto.examples.scraper.ScrapeTarget;
import fr.pareto.examples.scraper.Scraper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code POST /api/scrape[?retailer=NAME][&sku=SKU]}: scrapes the retailers' product pages,
 * stores the prices found and returns one result per page. The optional parameters keep only the
 * pages of one retailer or one product. Failed pages are part of a normal response (200). The
 * status is 400 when no page matches the parameters.
 */
public final class ScrapeHandler implements HttpHandler {

    /** Path of the endpoint. */
    public static final String PATH = "/api/scrape";

    private final Scraper scraper;
    private final Supplier<List<ScrapeTarget>> targets;
    private final Catalog catalog;
    private final ProductCache cache;
    private final ErrorTracker errors;

    /**
     * Creates the handler; {@code targets} gives the pages to visit, and failures to store a
     * price go to {@code errors}.
     */
    public ScrapeHandler(Scraper scraper, Supplier<List<ScrapeTarget>> targets, Catalog catalog, ProductCache cache,
                         ErrorTracker errors) {
        this.scraper = Objects.requireNonNull(scraper, "scraper");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Builds the 400 message: names only the parameters that were sent, lists the known pages and
     * states what to send instead.
     */
    static String noMatch(String retailer, String sku, List<ScrapeTarget> known) {
        List<String> given = new ArrayList<>(2);
        if (retailer != null) {
            given.add("retailer=\"" + retailer + "\"");
        }
        if (sku != null) {
            given.add("sku=\"" + sku + "\"");
        }
        String pages = known.stream().map(target -> target.retailer() + " " + target.sku()).toList().toString();
        if (given.isEmpty()) {
            return "No product page to scrape: the fixture shop lists none";
        }
        return "No product page matches " + String.join(" and ", given)
                + ": send retailer=NAME, sku=SKU or both from the known pages (retailer sku) " + pages
                + ", or neither to scrape them all";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Requests.accept(exchange, PATH, "POST")) {
                return;
            }
            Map<String, String> query = Requests.query(exchange);
            String retailer = query.get("retailer");
            String sku = query.get("sku");
            List<ScrapeTarget> selected = targets.get().stream()
                    .filter(target -> retailer == null || target.retailer().equals(retailer))
                    .filter(target -> sku == null || target.sku().equals(sku))
                    .toList();
            if (selected.isEmpty()) {
                Json.sendError(exchange, 400, noMatch(retailer, sku, targets.get()));
                return;
            }

            List<ScrapeResult> results = scraper.scrape(selected);
            List<Map<String, Object>> body = new ArrayList<>(results.size());
            int succeeded = 0;
            for (ScrapeResult result : results) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("retailer", result.target().retailer());
                entry.put("sku", result.target().sku());
                entry.put("url", result.target().url().toString());
                entry.put("duration_ms", result.duration().toMillis());
                if (result.succeeded()) {
                    succeeded++;
                    entry.put("price", result.price().orElseThrow());
                    entry.put("stored", store(result));
                } else {
                    entry.put("error", result.error().orElseThrow());
                }
                body.add(entry);
            }
            cache.invalidate();

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("attempted", results.size());
            summary.put("succeeded", succeeded);
            summary.put("failed", results.size() - succeeded);
            summary.put("results", body);
            Json.send(exchange, 200, Json.write(summary));
        }
    }

    /** Stores a scraped price; a database failure leaves the offer as it was and goes to the error tracker. */
    private boolean store(ScrapeResult result) {
        ScrapeTarget target = result.target();
        try {
            return catalog.updatePrice(target.sku(), target.retailer(), result.price().orElseThrow(), Instant.now());
        } catch (SQLException e) {
            errors.capture(e, ErrorContext.of(ErrorContext.METHOD, "POST").with(ErrorContext.PATH, PATH)
                    .with("operation", "store scraped price")
                    .with("retailer", target.retailer())
                    .with("sku", target.sku()));
            return false;
        }
    }
}
