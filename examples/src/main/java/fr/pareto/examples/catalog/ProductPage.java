package fr.pareto.examples.catalog;

import java.util.List;

/**
 * One page of the product list.
 *
 * @param products the products of this page, ordered by id
 * @param limit the requested page size
 * @param offset the number of products skipped
 * @param total the number of products in the catalog
 */
public record ProductPage(List<Product> products, int limit, int offset, long total) {

    /** Copies the product list. */
    public ProductPage {
        products = List.copyOf(products);
    }
}
