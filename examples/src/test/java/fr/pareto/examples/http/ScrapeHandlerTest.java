package fr.pareto.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.examples.catalog.Catalog;
import fr.pareto.examples.catalog.ProductCache;
import fr.pareto.examples.catalog.UnreachableDatabase;
import fr.pareto.examples.scraper.ScrapeTarget;
import fr.pareto.examples.scraper.ScrapeTracker;
import fr.pareto.examples.scraper.Scraper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class ScrapeHandlerTest {

    private static final List<ScrapeTarget> PAGES = List.of(
            new ScrapeTarget("ferret-electro", "SKU-00001", URI.create("http://127.0.0.1:1/p/1")),
            new ScrapeTarget("maison-prix", "SKU-00002", URI.create("http://127.0.0.1:1/p/2")));

    private final ErrorTracker errors = ErrorTracker.builder().flushOnExit(false).build();
    // Nothing listens on port 1: no request in these tests reaches Redis or a page.
    private final RedisClient redis = RedisClient.create("127.0.0.1", 1);
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        ScrapeHandler handler = new ScrapeHandler(new Scraper(Duration.ofSeconds(2), new ScrapeTracker(20)), () -> PAGES,
                new Catalog(new UnreachableDatabase()), new ProductCache(redis), errors);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext(ScrapeHandler.PATH, handler);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        redis.close();
        errors.close();
    }

    private String post400(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve(ScrapeHandler.PATH + query)).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        return new ObjectMapper().readTree(response.body()).get("error").asText();
    }

    @Test
    void unknownRetailerNamesOnlyTheSentParameter() throws Exception {
        String message = post400("?retailer=nope");

        assertThat(message).startsWith("No product page matches retailer=\"nope\":");
        assertThat(message).doesNotContain("null").doesNotContain("sku=\"");
        assertThat(message).contains("send retailer=NAME, sku=SKU or both");
        assertThat(message).contains("ferret-electro SKU-00001", "maison-prix SKU-00002");
    }

    @Test
    void unknownSkuNamesOnlyTheSentParameter() throws Exception {
        String message = post400("?sku=SKU-99999");

        assertThat(message).startsWith("No product page matches sku=\"SKU-99999\":");
        assertThat(message).doesNotContain("null").doesNotContain("retailer=\"");
    }

    @Test
    void mismatchedPairNamesBoth() throws Exception {
        String message = post400("?retailer=ferret-electro&sku=SKU-00002");

        assertThat(message).startsWith("No product page matches retailer=\"ferret-electro\" and sku=\"SKU-00002\":");
    }
}
