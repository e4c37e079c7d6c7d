package fr.pareto.health.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one monitor looks like at one instant: its status, recent heartbeats, uptime ratios,
 * response times and current incident. This is what the status page shows.
 *
 * @param name                the monitor's name
 * @param target              what it watches, secrets masked
 * @param interval            its check interval
 * @param status              its status now; {@code PAUSED} or {@code MAINTENANCE} take precedence
 * @param time                when the snapshot was taken
 * @param heartbeats          the most recent heartbeats, oldest first, at most the service's
 *                            history size
 * @param uptime24h           the share of checks, from 0 to 1, that were not DOWN in the current
 *                            hour and the 23 before it, maintenance left out; empty with no check
 * @param uptime30d           the same over the current hour and the 719 before it (30 days)
 * @param averageResponseTime the mean response time of the UP heartbeats in {@code heartbeats}
 * @param p95ResponseTime     the 95th percentile (nearest rank) of the same response times
 * @param incident            the current incident, if the last check failed
 */
public record MonitorSnapshot(String name, String target, Duration interval, MonitorStatus status, Instant time,
                              List<Heartbeat> heartbeats, OptionalDouble uptime24h, OptionalDouble uptime30d,
                              Optional<Duration> averageResponseTime, Optional<Duration> p95ResponseTime,
                              Optional<Incident> incident) {

    /**
     * Creates a snapshot.
     *
     * @throws NullPointerException if an argument is null
     */
    public MonitorSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        heartbeats = List.copyOf(heartbeats);
        Objects.requireNonNull(uptime24h, "uptime24h");
        Objects.requireNonNull(uptime30d, "uptime30d");
        Objects.requireNonNull(averageResponseTime, "averageResponseTime");
        Objects.requireNonNull(p95ResponseTime, "p95ResponseTime");
        Objects.requireNonNull(incident, "incident");
    }

    /** Returns the most recent heartbeat, if any check has completed. */
    public Optional<Heartbeat> lastHeartbeat() {
        return heartbeats.isEmpty() ? Optional.empty() : Optional.of(heartbeats.get(heartbeats.size() - 1));
    }
}
