package fr.pareto.examples.scraper;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.pareto.examples.http.Json;
import fr.pareto.examples.infra.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for retailers' websites: an HTTP server on a free loopback port that serves
 * product pages written for the example, so the scraper has real pages to read and to fail on.
 *
 * <p>Five pages are well-formed, one responds only after {@code slowDelay} (longer than the
 * scraper's timeout), one is truncated HTML without a price, and one is missing (404). A full
 * scrape therefore succeeds 5 times out of 8. Started by {@link #start(Duration)}, stopped by
 * {@link #close()}.
 */
public final class FixtureShop implements AutoCloseable {

    /** Behaviour of a fixture page. */
    public enum Behavior {
        /** A well-formed page with a price. */
        WELL_FORMED,
        /** A well-formed page that responds only after the slow delay. */
        SLOW,
        /** Truncated HTML without a price element. */
        BROKEN,
        /** No page: 404. */
        MISSING
    }

    /**
     * One fixture page.
     *
     * @param retailer retailer name
     * @param sku product SKU
     * @param title product title shown on the page
     * @param price price shown on the page, as the retailer writes it
     * @param behavior how the page responds
     */
    public record Page(String retailer, String sku, String title, String price, Behavior behavior) {

        String path() {
            return "/" + retailer + "/products/" + sku + ".html";
        }
    }

    /** The pages, in the order the scraper visits them. */
    public static final List<Page> PAGES = List.of(
            new Page("maison-prix", "SKU-00001", "Bouilloire électrique 1,7 L", "24,90 €", Behavior.WELL_FORMED),
            new Page("lumen-store", "SKU-00001", "Electric kettle 1.7 L", "23.50", Behavior.WELL_FORMED),
            new Page("quai-discount", "SKU-00002", "Casque sans fil", "89,00", Behavior.WELL_FORMED),
            new Page("maison-prix", "SKU-00003", "Écran 27 pouces", "219.99", Behavior.WELL_FORMED),
            new Page("ferret-electro", "SKU-00004", "Aspirateur balai", "149,95 €", Behavior.WELL_FORMED),
            new Page("lumen-store", "SKU-00005", "Lampe de bureau", "39.90", Behavior.SLOW),
            new Page("quai-discount", "SKU-00006", "Téléphone 128 Go", "329,00", Behavior.BROKEN),
            new Page("ferret-electro", "SKU-00007", "Bouilloire inox", "31,00", Behavior.MISSING));

    private static final Logger log = LoggerFactory.getLogger(FixtureShop.class);
    private static final String HTML = "text/html; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Duration slowDelay;
    private final Map<String, Page> pagesByPath;

    private FixtureShop(HttpServer server, ExecutorService executor, Duration slowDelay) {
        this.server = server;
        this.executor = executor;
        this.slowDelay = slowDelay;
        this.pagesByPath = PAGES.stream().collect(Collectors.toMap(Page::path, Function.identity()));
    }

    /**
     * Starts the shop on a free loopback port.
     *
     * @param slowDelay how long the slow page waits before answering; make it longer than the
     *     scraper's timeout so that page fails
     */
    public static FixtureShop start(Duration slowDelay) {
        Objects.requireNonNull(slowDelay, "slowDelay");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(PAGES.size(), DaemonThreads.named("fixture-shop"));
            FixtureShop shop = new FixtureShop(server, executor, slowDelay);
            server.createContext("/", shop::handle);
            server.setExecutor(executor);
            server.start();
            log.atInfo().addKeyValue("module", "scraper").addKeyValue("url", shop.baseUrl().toString())
                    .addKeyValue("pages", PAGES.size()).log("fixture shop started");
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException("Fixture shop failed to start on a loopback port: " + e.getMessage(), e);
        }
    }

    /** Returns the shop's address, such as {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    /** Returns one scrape target per page, in {@link #PAGES} order. */
    public List<ScrapeTarget> targets() {
        return PAGES.stream()
                .map(page -> new ScrapeTarget(page.retailer(), page.sku(), baseUrl().resolve(page.path())))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Page page = pagesByPath.get(exchange.getRequestURI().getPath());
            if (page == null || page.behavior() == Behavior.MISSING) {
                Json.sendText(exchange, 404, HTML, "<!DOCTYPE html><html><body><h1>Page introuvable</h1></body></html>");
                return;
            }
            if (page.behavior() == Behavior.SLOW) {
                try {
                    // Simulates an overloaded retailer; the scraper's timeout ends the wait first.
                    Thread.sleep(slowDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Json.sendText(exchange, 200, HTML, page.behavior() == Behavior.BROKEN ? brokenHtml(page) : html(page));
        }
    }

    private static String html(Page page) {
        return """
                <!DOCTYPE html>
                <html lang="fr">
                <head><meta charset="utf-8"><title>%s - %s</title></head>
                <body>
                  <nav><a href="/">Accueil</a> &gt; <a href="/%s">%s</a></nav>
                  <article class="product" data-sku="%s">
                    <h1 class="product-name">%s</h1>
                    <p class="availability">En stock</p>
                    <p>Prix : <span class="price" data-currency="EUR">%s</span></p>
                  </article>
                </body>
                </html>
                """.formatted(page.title(), page.retailer(), page.retailer(), page.retailer(), page.sku(),
                page.title(), page.price());
    }

    /** The page as a server that died mid-response would leave it: cut before the price. */
    private static String brokenHtml(Page page) {
        String full = html(page);
        return full.substring(0, full.indexOf("<p class=\"availability\">") + 12);
    }

    /** Stops the server; a slow page still waiting is interrupted. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
