package fr.pareto.examples.catalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Products and their offers in PostgreSQL: the schema, the generated rows and the queries.
 *
 * <p>Thread-safe: every call takes its own connection from the pool. Methods throw
 * {@link SQLException} when PostgreSQL cannot be reached; the HTTP layer turns that into 503.
 */
public final class Catalog {

    /** Products generated at first start; each gets two to four offers. */
    public static final int GENERATED_PRODUCTS = 300;

    /** Retailers of the generated offers; the scraper's fixture pages use the same names. */
    public static final List<String> RETAILERS = List.of("maison-prix", "lumen-store", "quai-discount", "ferret-electro");

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private static final String[] BRANDS = {"Altair", "Boreal", "Cobalt", "Dune", "Eclipse", "Fjord"};
    private static final String[] CATEGORIES = {"headphones", "kettles", "monitors", "vacuums", "phones", "lamps"};
    private static final String[] MODELS = {"Air", "Pro", "Mini", "Max", "Lite", "One", "Neo", "Plus"};

    private final DataSource dataSource;

    /** Creates a catalog on the given pool. No query runs until a method is called. */
    public Catalog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Returns the SKU of the n-th generated product, n from 1: {@code SKU-00042}. */
    public static String sku(int n) {
        return String.format("SKU-%05d", n);
    }

    /**
     * Creates the tables if they are missing and fills an empty catalog with
     * {@value #GENERATED_PRODUCTS} generated products. Rows already there are kept.
     */
    public void initialize() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS products (
                        id BIGSERIAL PRIMARY KEY,
                        sku TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        brand TEXT NOT NULL,
                        category TEXT NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL DEFAULT now())""");
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS offers (
                        id BIGSERIAL PRIMARY KEY,
                        product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                        retailer TEXT NOT NULL,
                        price NUMERIC(10, 2) NOT NULL CHECK (price >= 0),
                        currency CHAR(3) NOT NULL,
                        in_stock BOOLEAN NOT NULL,
                        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                        UNIQUE (product_id, retailer))""");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM products")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    log.atInfo().addKeyValue("module", "catalog").addKeyValue("products", rows.getLong(1))
                            .log("catalog already filled");
                    return;
                }
            }
            generate(connection);
        }
    }

    private void generate(Connection connection) throws SQLException {
        // A fixed seed gives every fresh start the same catalog, so examples and tests agree.
        Random random = new Random(20261204L);
        int offers = 0;
        connection.setAutoCommit(false);
        try (PreparedStatement product = connection.prepareStatement(
                "INSERT INTO products (sku, name, brand, category) VALUES (?, ?, ?, ?) RETURNING id");
             PreparedStatement offer = connection.prepareStatement(
                "INSERT INTO offers (product_id, retailer, price, currency, in_stock) VALUES (?, ?, ?, 'EUR', ?)")) {
            for (int n = 1; n <= GENERATED_PRODUCTS; n++) {
                String brand = BRANDS[random.nextInt(BRANDS.length)];
                String category = CATEGORIES[(n - 1) % CATEGORIES.length];
                product.setString(1, sku(n));
                product.setString(2, brand + " " + MODELS[random.nextInt(MODELS.length)] + " " + (100 + n));
                product.setString(3, brand);
                product.setString(4, category);
                long productId;
                try (ResultSet id = product.executeQuery()) {
                    id.next();
                    productId = id.getLong(1);
                }
                BigDecimal basePrice = BigDecimal.valueOf(1_000 + random.nextInt(50_000), 2);
                // The first products carry every retailer, so the scraper's fixture pages all match an offer.
                int offerCount = n <= 10 ? RETAILERS.size() : 2 + random.nextInt(3);
                for (int r = 0; r < offerCount; r++) {
                    offer.setLong(1, productId);
                    offer.setString(2, RETAILERS.get(r));
                    offer.setBigDecimal(3, basePrice.add(BigDecimal.valueOf(random.nextInt(2_000), 2)));
                    offer.setBoolean(4, random.nextInt(10) > 0);
                    offer.addBatch();
                    offers++;
                }
                offer.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        log.atInfo().addKeyValue("module", "catalog").addKeyValue("products", GENERATED_PRODUCTS)
                .addKeyValue("offers", offers).log("catalog generated");
    }

    /**
     * Returns one page of products ordered by id, each with its offers ordered by price.
     *
     * @param limit page size, 1 or more
     * @param offset products to skip, 0 or more
     */
    public ProductPage products(int limit, int offset) throws SQLException {
        Map<Long, Product.Builder> products = new LinkedHashMap<>();
        long total;
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM products")) {
                rows.next();
                total = rows.getLong(1);
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT p.id, p.sku, p.name, p.brand, p.category,
                           o.retailer, o.price, o.currency, o.in_stock, o.updated_at
                    FROM (SELECT * FROM products ORDER BY id LIMIT ? OFFSET ?) p
                    LEFT JOIN offers o ON o.product_id = p.id
                    ORDER BY p.id, o.price""")) {
                query.setInt(1, limit);
                query.setInt(2, offset);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        Product.Builder product = products.get(id);
                        if (product == null) {
                            product = new Product.Builder(id, rows.getString(2), rows.getString(3),
                                    rows.getString(4), rows.getString(5));
                            products.put(id, product);
                        }
                        String retailer = rows.getString(6);
                        if (retailer != null) {
                            product.offers.add(new Offer(retailer, rows.getBigDecimal(7), rows.getString(8),
                                    rows.getBoolean(9), rows.getTimestamp(10).toInstant()));
                        }
                    }
                }
            }
        }
        List<Product> page = new ArrayList<>(products.size());
        products.values().forEach(builder -> page.add(builder.build()));
        return new ProductPage(page, limit, offset, total);
    }

    /**
     * Sets the price of one retailer's offer for one product, as a scrape found it.
     *
     * @return whether an offer matched
     */
    public boolean updatePrice(String sku, String retailer, BigDecimal price, Instant when) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE offers SET price = ?, updated_at = ?
                     WHERE retailer = ? AND product_id = (SELECT id FROM products WHERE sku = ?)""")) {
            update.setBigDecimal(1, price);
            update.setTimestamp(2, Timestamp.from(when));
            update.setString(3, retailer);
            update.setString(4, sku);
            return update.executeUpdate() > 0;
        }
    }

    /** Returns the number of products and of offers, read in one query. */
    public Counts counts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM offers)")) {
            rows.next();
            return new Counts(rows.getLong(1), rows.getLong(2));
        }
    }

    /**
     * Catalog size.
     *
     * @param products number of products
     * @param offers number of offers
     */
    public record Counts(long products, long offers) {
    }
}
