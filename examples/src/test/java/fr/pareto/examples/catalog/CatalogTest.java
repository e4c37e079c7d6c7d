package fr.pareto.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static EmbeddedPostgres postgres;
    private static Catalog catalog;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        catalog = new Catalog(postgres.getPostgresDatabase());
        catalog.initialize();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void initializeGeneratesProductsWithOffers() throws Exception {
        Catalog.Counts counts = catalog.counts();

        assertThat(counts.products()).isEqualTo(Catalog.GENERATED_PRODUCTS);
        assertThat(counts.offers()).isBetween(2L * Catalog.GENERATED_PRODUCTS, 4L * Catalog.GENERATED_PRODUCTS);
    }

    @Test
    void initializeTwiceKeepsTheRows() throws Exception {
        catalog.initialize();

        assertThat(catalog.counts().products()).isEqualTo(Catalog.GENERATED_PRODUCTS);
    }

    @Test
    void pagesAreOrderedAndOffersCheapestFirst() throws Exception {
        ProductPage page = catalog.products(5, 10);

        assertThat(page.total()).isEqualTo(Catalog.GENERATED_PRODUCTS);
        assertThat(page.products()).extracting(Product::sku)
                .containsExactly("SKU-00011", "SKU-00012", "SKU-00013", "SKU-00014", "SKU-00015");
        for (Product product : page.products()) {
            assertThat(product.offers()).isNotEmpty();
            assertThat(product.offers()).extracting(Offer::price).isSortedAccordingTo(BigDecimal::compareTo);
        }
    }

    @Test
    void pagePastTheEndIsEmpty() throws Exception {
        assertThat(catalog.products(10, 5_000).products()).isEmpty();
    }

    @Test
    void updatePriceChangesOneOffer() throws Exception {
        Instant when = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        boolean stored = catalog.updatePrice(Catalog.sku(3), "lumen-store", new BigDecimal("12.34"), when);

        assertThat(stored).isTrue();
        Product product = catalog.products(1, 2).products().get(0);
        Offer offer = product.offers().stream().filter(o -> o.retailer().equals("lumen-store")).findFirst().orElseThrow();
        assertThat(offer.price()).isEqualByComparingTo("12.34");
        assertThat(offer.updatedAt()).isEqualTo(when);
        assertThat(catalog.updatePrice("SKU-99999", "lumen-store", BigDecimal.ONE, when)).isFalse();
    }

    @Test
    void fixturePagesMatchGeneratedOffers() throws Exception {
        for (var page : fr.pareto.examples.scraper.FixtureShop.PAGES) {
            assertThat(catalog.updatePrice(page.sku(), page.retailer(), new BigDecimal("10.00"), Instant.now()))
                    .as("offer of %s for %s", page.retailer(), page.sku())
                    .isTrue();
        }
    }
}
