package fr.pareto.health.monitor.internal;

import fr.pareto.health.monitor.Heartbeat;
import fr.pareto.health.monitor.Incident;
import fr.pareto.health.monitor.MonitorSnapshot;
import fr.pareto.health.monitor.MonitorStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Renders the status page: one self-contained HTML document with inline CSS and no script. */
public final class StatusHtml {

    private static final String CSS = """
            body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            background:#f3f4f6;color:#1f2328;line-height:1.4}
            main{max-width:880px;margin:0 auto;padding:16px}
            h1{font-size:1.5rem;margin:4px 0 12px}
            .banner{padding:12px 16px;border-radius:8px;color:#fff;font-weight:600;margin-bottom:16px}
            .monitor{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:12px;\
            box-shadow:0 1px 3px rgba(0,0,0,.1)}
            .head{display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
            .name{font-weight:600;font-size:1.05rem;overflow-wrap:anywhere}
            .badge{padding:2px 10px;border-radius:999px;font-size:.78rem;font-weight:700;color:#fff;letter-spacing:.03em}
            .stats{display:flex;flex-wrap:wrap;gap:2px 16px;font-size:.85rem;color:#57606a;margin:6px 0 8px}
            .stats b{color:#1f2328;font-weight:600}
            .beats{display:flex;gap:2px;height:26px}
            .beat{flex:1 1 0;min-width:2px;border-radius:2px;background:#d0d7de}
            .detail,.incident{font-size:.82rem;margin-top:6px;overflow-wrap:anywhere}
            .detail{color:#57606a}
            .incident{color:#b42318;font-weight:600}
            footer{font-size:.75rem;color:#6e7781;text-align:center;margin:16px 0}
            .up{background:#1a7f37}.down{background:#cf222e}.pending{background:#bf8700}
            .maintenance{background:#0969da}.paused,.unknown{background:#8c959f}
            @media (max-width:480px){main{padding:10px}h1{font-size:1.25rem}.beat:nth-child(-n+20){display:none}}
            """;

    private StatusHtml() {
    }

    /** Returns the page for the given snapshots. */
    public static String render(String title, Instant now, List<MonitorSnapshot> snapshots, Duration refresh,
                                int heartbeats, boolean showDetails) {
        StringBuilder html = new StringBuilder(8192 + snapshots.size() * (2048 + heartbeats * 96));
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"").append(refresh.toSeconds()).append("\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        banner(html, snapshots);
        for (MonitorSnapshot snapshot : snapshots) {
            monitor(html, snapshot, heartbeats, showDetails);
        }
        html.append("<footer>Updated ").append(time(now)).append(" &middot; refreshes every ")
                .append(Durations.format(refresh)).append("</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void banner(StringBuilder html, List<MonitorSnapshot> snapshots) {
        long down = count(snapshots, MonitorStatus.DOWN);
        long pending = count(snapshots, MonitorStatus.PENDING);
        long unknown = count(snapshots, MonitorStatus.UNKNOWN);
        String css;
        String text;
        if (down > 0) {
            css = "down";
            text = down + " of " + snapshots.size() + (snapshots.size() == 1 ? " monitor is down" : " monitors down");
        } else if (pending > 0) {
            css = "pending";
            text = pending + (pending == 1 ? " monitor is failing" : " monitors are failing") + ", not yet down";
        } else if (unknown == snapshots.size()) {
            css = "unknown";
            text = "Waiting for the first checks";
        } else {
            css = "up";
            text = "All systems operational";
        }
        html.append("<div class=\"banner ").append(css).append("\" id=\"overall\" data-status=\"").append(css)
                .append("\">").append(escape(text)).append("</div>\n");
    }

    private static void monitor(StringBuilder html, MonitorSnapshot snapshot, int heartbeats, boolean showDetails) {
        String status = snapshot.status().jsonName();
        html.append("<section class=\"monitor\" data-status=\"").append(status).append("\">\n")
                .append("<div class=\"head\"><span class=\"name\">").append(escape(snapshot.name()))
                .append("</span><span class=\"badge ").append(status).append("\">")
                .append(snapshot.status().name()).append("</span></div>\n");

        html.append("<div class=\"stats\">")
                .append("<span>24 h <b>").append(percent(snapshot.uptime24h())).append("</b></span>")
                .append("<span>30 days <b>").append(percent(snapshot.uptime30d())).append("</b></span>")
                .append("<span>response <b>").append(lastResponse(snapshot)).append("</b></span>")
                .append("<span>avg <b>").append(millis(snapshot.averageResponseTime())).append("</b></span>")
                .append("<span>p95 <b>").append(millis(snapshot.p95ResponseTime())).append("</b></span>")
                .append("</div>\n");

        strip(html, snapshot.heartbeats(), heartbeats);
        snapshot.incident().ifPresent(incident -> incident(html, incident));
        if (showDetails) {
            html.append("<div class=\"detail\">").append(escape(snapshot.target()));
            snapshot.lastHeartbeat().filter(beat -> !beat.message().isEmpty())
                    .ifPresent(beat -> html.append(" &middot; ").append(escape(beat.message())));
            html.append("</div>\n");
        }
        html.append("</section>\n");
    }

    private static void strip(StringBuilder html, List<Heartbeat> all, int count) {
        List<Heartbeat> shown = all.subList(Math.max(0, all.size() - count), all.size());
        html.append("<div class=\"beats\" aria-label=\"last ").append(shown.size()).append(" checks\">");
        // Empty slots on the left keep every strip the same width, newest beat on the right.
        for (int i = shown.size(); i < count; i++) {
            html.append("<span class=\"beat\"></span>");
        }
        for (Heartbeat beat : shown) {
            String status = beat.status().jsonName();
            html.append("<span class=\"beat ").append(status).append("\" title=\"").append(time(beat.time())).append(' ')
                    .append(beat.status().name()).append(' ').append(beat.responseTime().toMillis()).append(" ms\"></span>");
        }
        html.append("</div>\n");
    }

    private static void incident(StringBuilder html, Incident incident) {
        html.append("<div class=\"incident\">").append(incident.notified() ? "Down since " : "Failing since ")
                .append(time(incident.start())).append(" (").append(Durations.format(incident.duration())).append(", ")
                .append(incident.failedChecks()).append(incident.failedChecks() == 1 ? " failed check)" : " failed checks)")
                .append("</div>\n");
    }

    private static String lastResponse(MonitorSnapshot snapshot) {
        Optional<Heartbeat> last = snapshot.lastHeartbeat().filter(beat -> beat.status() != MonitorStatus.MAINTENANCE);
        return last.map(beat -> beat.responseTime().toMillis() + " ms").orElse("&ndash;");
    }

    private static String millis(Optional<Duration> duration) {
        return duration.map(value -> value.toMillis() + " ms").orElse("&ndash;");
    }

    /** Formats a ratio as a percentage with two decimals, never rounding a failure up to 100%. */
    static String percent(OptionalDouble ratio) {
        if (ratio.isEmpty()) {
            return "&ndash;";
        }
        double value = ratio.getAsDouble();
        if (value >= 1.0) {
            return "100%";
        }
        return String.format(Locale.ROOT, "%.2f%%", Math.floor(value * 10_000 + 1e-9) / 100);
    }

    private static String time(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
    }

    private static long count(List<MonitorSnapshot> snapshots, MonitorStatus status) {
        return snapshots.stream().filter(snapshot -> snapshot.status() == status).count();
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
