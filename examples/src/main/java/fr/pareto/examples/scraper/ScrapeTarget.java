package fr.pareto.examples.scraper;

import java.net.URI;
import java.util.Objects;

/**
 * One product page to scrape.
 *
 * @param retailer retailer name, as in the offers table
 * @param sku the product's SKU
 * @param url the page
 */
public record ScrapeTarget(String retailer, String sku, URI url) {

    /** Checks that no component is null. */
    public ScrapeTarget {
        Objects.requireNonNull(retailer, "retailer");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(url, "url");
    }
}
