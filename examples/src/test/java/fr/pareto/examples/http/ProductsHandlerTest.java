package fr.pareto.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.pareto.errors.ErrorGroup;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.examples.catalog.Catalog;
import fr.pareto.examples.catalog.ProductCache;
import fr.pareto.examples.catalog.UnreachableDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class ProductsHandlerTest {

    private final ErrorTracker errors = ErrorTracker.builder().flushOnExit(false).build();
    // Nothing listens on port 1, so the cache misses at once, as in a Redis outage.
    private final RedisClient redis = RedisClient.create("127.0.0.1", 1);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        redis.close();
        errors.close();
    }

    private URI serve(ProductsHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext(ProductsHandler.PATH, handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void databaseOutageAnswers503AndIsTracked() throws Exception {
        ProductsHandler handler = new ProductsHandler(new Catalog(new UnreachableDatabase()), new ProductCache(redis), errors);
        URI base = serve(handler);

        HttpResponse<String> response = get(base.resolve("/api/products?limit=3"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("catalog database is unavailable");
        assertThat(errors.groups()).hasSize(1);
        ErrorGroup group = errors.groups().get(0);
        assertThat(group.type()).contains("SQLTransientConnectionException");
        assertThat(group.count()).isEqualTo(1);
    }

    @Test
    void badParametersAnswer400WithTheRange() throws Exception {
        ProductsHandler handler = new ProductsHandler(new Catalog(new UnreachableDatabase()), new ProductCache(redis), errors);
        URI base = serve(handler);

        HttpResponse<String> zero = get(base.resolve("/api/products?limit=0"));
        HttpResponse<String> negative = get(base.resolve("/api/products?offset=-5"));
        HttpResponse<String> text = get(base.resolve("/api/products?limit=ten"));

        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("Invalid limit \\\"0\\\": use a whole number from 1 to 100");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("Invalid offset \\\"-5\\\"");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(errors.groups()).as("bad requests are not errors of the service").isEmpty();
    }

    @Test
    void otherPathsAndMethodsAreRejected() throws Exception {
        ProductsHandler handler = new ProductsHandler(new Catalog(new UnreachableDatabase()), new ProductCache(redis), errors);
        URI base = serve(handler);

        HttpResponse<String> longer = get(base.resolve("/api/products/42"));
        HttpResponse<String> post = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/api/products")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(longer.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }
}
