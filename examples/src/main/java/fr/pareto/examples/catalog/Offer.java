package fr.pareto.examples.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One retailer's price for a product.
 *
 * @param retailer retailer name, such as {@code lumen-store}
 * @param price price with two decimals
 * @param currency ISO 4217 code, such as {@code EUR}
 * @param inStock whether the retailer showed the product as available
 * @param updatedAt when the price was generated or last scraped
 */
public record Offer(String retailer, BigDecimal price, String currency, boolean inStock, Instant updatedAt) {
}
