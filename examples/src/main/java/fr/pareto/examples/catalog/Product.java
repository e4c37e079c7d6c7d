package fr.pareto.examples.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A product and its offers, cheapest first.
 *
 * @param id database id
 * @param sku stock-keeping unit, such as {@code SKU-00042}
 * @param name display name
 * @param brand brand name
 * @param category category, such as {@code kettles}
 * @param offers offers ordered by price, possibly empty
 */
public record Product(long id, String sku, String name, String brand, String category, List<Offer> offers) {

    /** Copies the offer list. */
    public Product {
        offers = List.copyOf(offers);
    }

    /** Collects a product's offers while the rows of a join are read. */
    static final class Builder {
        private final long id;
        private final String sku;
        private final String name;
        private final String brand;
        private final String category;
        final List<Offer> offers = new ArrayList<>();

        Builder(long id, String sku, String name, String brand, String category) {
            this.id = id;
            this.sku = sku;
            this.name = name;
            this.brand = brand;
            this.category = category;
        }

        Product build() {
            return new Product(id, sku, name, brand, category, offers);
        }
    }
}
