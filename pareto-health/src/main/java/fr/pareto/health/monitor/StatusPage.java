package fr.pareto.health.monitor;

import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.monitor.internal.StatusHtml;
import fr.pareto.health.monitor.internal.StatusJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A framework-neutral status page over a {@link MonitorService}: {@code GET /status} gives a
 * self-contained HTML page and {@code GET /status.json} the same data as JSON.
 *
 * <p>The page needs nothing from outside: no script, font or image, only inline CSS (its
 * Content-Security-Policy forbids the rest). It fits a phone screen and reloads itself with a
 * meta refresh. For each monitor it shows the status, uptime over 24 hours and 30 days, the last,
 * average and 95th-percentile response times, a strip of recent heartbeats and, when failing,
 * since when. Every monitor name, target and message is HTML-escaped.
 *
 * <p>Anonymous by design, like a public status page: targets and check messages, which can name
 * hosts, appear only when {@link Builder#showDetails(boolean)} is on. Serving a request only
 * reads snapshots; it never runs a check, so request storms cost no probe.
 *
 * <p>Serve it with {@link StatusPageHandler} (JDK HTTP server) or {@link StatusPageServlet}.
 * Immutable and thread-safe. {@link #respond(HealthRequest)} throws only for a null request.
 */
public final class StatusPage {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");

    private final MonitorService service;
    private final String title;
    private final Duration refresh;
    private final int heartbeats;
    private final boolean showDetails;

    private StatusPage(Builder builder) {
        this.service = builder.service;
        this.title = builder.title;
        this.refresh = builder.refresh;
        this.heartbeats = builder.heartbeats;
        this.showDetails = builder.showDetails;
    }

    /** Starts a status page over the service's monitors. */
    public static Builder builder(MonitorService service) {
        return new Builder(Objects.requireNonNull(service, "service"));
    }

    /**
     * Serves one request. A path ending in {@code .json} gets JSON, any other path the HTML page;
     * methods other than GET and HEAD get 405. An unexpected failure becomes a 500 with a short
     * plain-text body, logged with its cause.
     */
    public HealthResponse respond(HealthRequest request) {
        Objects.requireNonNull(request, "request");
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return new HealthResponse(405, "text/plain; charset=utf-8", Map.of("Allow", "GET, HEAD"),
                    "Method not allowed: use GET\n".getBytes(StandardCharsets.UTF_8));
        }
        try {
            List<MonitorSnapshot> snapshots = service.snapshots();
            if (request.path().endsWith(".json")) {
                return new HealthResponse(200, JSON, HEADERS,
                        StatusJson.render(title, service.clock().instant(), snapshots, heartbeats, showDetails));
            }
            byte[] body = StatusHtml.render(title, service.clock().instant(), snapshots, refresh, heartbeats, showDetails)
                    .getBytes(StandardCharsets.UTF_8);
            return new HealthResponse(200, HTML, HEADERS, body);
        } catch (RuntimeException e) {
            LOG.warn("Status page failed on path {}; answering 500", request.path(), e);
            return new HealthResponse(500, "text/plain; charset=utf-8", HEADERS,
                    "Status page unavailable\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Returns the 404 that the adapters send for a path under their mount point that is neither
     * the page nor its JSON, such as {@code /status/foo}: a small JSON body naming both paths.
     *
     * @param base the page's path, such as {@code /status}; it must not need JSON escaping
     */
    static HealthResponse notFound(String base) {
        String body = "{\"status\":404,\"error\":\"Not found: the status page is at " + base + " and its JSON at "
                + base + ".json\"}\n";
        return new HealthResponse(404, JSON, HEADERS, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Configures a {@link StatusPage}. Not thread-safe; each setter validates its argument at once. */
    public static final class Builder {
        private final MonitorService service;
        private String title = "Service status";
        private Duration refresh = Duration.ofSeconds(30);
        private int heartbeats = 50;
        private boolean showDetails;

        private Builder(MonitorService service) {
            this.service = service;
        }

        /** Sets the page title, such as {@code Pareto status}. Default: {@code Service status}. */
        public Builder title(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank() || title.length() > 200) {
                throw new IllegalArgumentException("Invalid status page title \"" + title + "\": give 1 to 200 characters");
            }
            this.title = title;
            return this;
        }

        /**
         * Sets how often the page reloads itself. Default: 30 seconds.
         *
         * @throws IllegalArgumentException if refresh is under 5 seconds or over 1 hour
         */
        public Builder refresh(Duration refresh) {
            Objects.requireNonNull(refresh, "refresh");
            if (refresh.compareTo(Duration.ofSeconds(5)) < 0 || refresh.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("Invalid refresh " + refresh + ": give 5 seconds to 1 hour");
            }
            this.refresh = refresh;
            return this;
        }

        /**
         * Sets how many recent heartbeats each monitor's strip shows, at most the service's
         * history size. Default: 50.
         *
         * @throws IllegalArgumentException if count is under 1 or over 500
         */
        public Builder heartbeats(int count) {
            if (count < 1 || count > 500) {
                throw new IllegalArgumentException("Invalid heartbeat count " + count + ": show 1 to 500");
            }
            this.heartbeats = count;
            return this;
        }

        /**
         * Shows each monitor's target and its last check message. Both have secrets masked but
         * can still name internal hosts, so turn this on only for a page behind authentication.
         * Default: false.
         */
        public Builder showDetails(boolean show) {
            this.showDetails = show;
            return this;
        }

        /** Builds the page. */
        public StatusPage build() {
            return new StatusPage(this);
        }
    }
}
