package fr.pareto.health.monitor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pareto.health.monitor.Heartbeat;
import fr.pareto.health.monitor.MonitorSnapshot;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Renders {@code /status.json}: the status page's data. Ratios are numbers from 0 to 1, times are
 * RFC 3339 in UTC, durations are whole milliseconds, and a missing value is {@code null}.
 */
public final class StatusJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    /** Returns the JSON document, UTF-8 encoded. */
    public static byte[] render(String title, Instant now, List<MonitorSnapshot> snapshots, int heartbeats,
                                boolean showDetails) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("title", title);
        root.put("time", now.toString());
        ArrayNode monitors = root.putArray("monitors");
        for (MonitorSnapshot snapshot : snapshots) {
            ObjectNode monitor = monitors.addObject();
            monitor.put("name", snapshot.name());
            if (showDetails) {
                monitor.put("target", snapshot.target());
            }
            monitor.put("status", snapshot.status().jsonName());
            monitor.put("interval_ms", snapshot.interval().toMillis());
            putRatio(monitor, "uptime_24h", snapshot.uptime24h());
            putRatio(monitor, "uptime_30d", snapshot.uptime30d());
            putMillis(monitor, "average_response_ms", snapshot.averageResponseTime());
            putMillis(monitor, "p95_response_ms", snapshot.p95ResponseTime());
            snapshot.incident().ifPresentOrElse(incident -> {
                ObjectNode node = monitor.putObject("incident");
                node.put("start", incident.start().toString());
                node.put("duration_ms", incident.duration().toMillis());
                node.put("failed_checks", incident.failedChecks());
                node.put("notified", incident.notified());
                if (showDetails) {
                    node.put("last_error", incident.lastError());
                }
            }, () -> monitor.putNull("incident"));
            ArrayNode beats = monitor.putArray("heartbeats");
            List<Heartbeat> all = snapshot.heartbeats();
            for (Heartbeat heartbeat : all.subList(Math.max(0, all.size() - heartbeats), all.size())) {
                ObjectNode beat = beats.addObject();
                beat.put("time", heartbeat.time().toString());
                beat.put("status", heartbeat.status().jsonName());
                beat.put("response_ms", heartbeat.responseTime().toMillis());
                if (showDetails && !heartbeat.message().isEmpty()) {
                    beat.put("message", heartbeat.message());
                }
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write status JSON", e);
        }
    }

    private static void putRatio(ObjectNode node, String name, OptionalDouble ratio) {
        if (ratio.isPresent()) {
            node.put(name, ratio.getAsDouble());
        } else {
            node.putNull(name);
        }
    }

    private static void putMillis(ObjectNode node, String name, Optional<Duration> duration) {
        if (duration.isPresent()) {
            node.put(name, duration.get().toMillis());
        } else {
            node.putNull(name);
        }
    }
}
