package fr.pareto.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.examples.catalog.Catalog;
import fr.pareto.examples.catalog.ProductCache;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/products?limit=20&offset=0}: one page of products with their offers, from the
 * Redis cache when it has the page ({@code X-Cache: HIT}), else from PostgreSQL ({@code MISS}).
 * The status is 400 for a bad parameter and 503 when PostgreSQL cannot be reached; the database
 * error then goes to the error tracker.
 */
public final class ProductsHandler implements HttpHandler {

    /** Path of the endpoint. */
    public static final String PATH = "/api/products";

    /** Largest page size. */
    public static final int MAX_LIMIT = 100;

    private final Catalog catalog;
    private final ProductCache cache;
    private final ErrorTracker errors;

    /** Creates the handler; database failures are reported to {@code errors}. */
    public ProductsHandler(Catalog catalog, ProductCache cache, ErrorTracker errors) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!Requests.accept(exchange, PATH, "GET")) {
                return;
            }
            int limit;
            int offset;
            try {
                Map<String, String> query = Requests.query(exchange);
                limit = Requests.intParameter(query, "limit", 20, 1, MAX_LIMIT);
                offset = Requests.intParameter(query, "offset", 0, 0, 1_000_000);
            } catch (Requests.BadRequestException e) {
                Json.sendError(exchange, 400, e.getMessage());
                return;
            }

            Optional<String> cached = cache.get(limit, offset);
            if (cached.isPresent()) {
                exchange.getResponseHeaders().set("X-Cache", "HIT");
                Json.send(exchange, 200, cached.get());
                return;
            }

            String json;
            try {
                json = Json.write(catalog.products(limit, offset));
            } catch (SQLException e) {
                errors.capture(e, ErrorContext.of(ErrorContext.METHOD, "GET").with(ErrorContext.PATH, PATH)
                        .with("operation", "product query"));
                Json.sendError(exchange, 503, "The catalog database is unavailable; retry later");
                return;
            }
            cache.put(limit, offset, json);
            exchange.getResponseHeaders().set("X-Cache", "MISS");
            Json.send(exchange, 200, json);
        }
    }
}
