package fr.pareto.health.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One check of one monitor: when it started, the status it led to, how long it took, and why.
 *
 * @param time         when the check started
 * @param status       {@link MonitorStatus#UP}, {@link MonitorStatus#PENDING},
 *                     {@link MonitorStatus#DOWN} or {@link MonitorStatus#MAINTENANCE}
 * @param responseTime how long the check took; zero for a maintenance heartbeat
 * @param message      the check's message or error, with secrets masked; empty when there is none
 */
public record Heartbeat(Instant time, MonitorStatus status, Duration responseTime, String message) {

    /**
     * Creates a heartbeat.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if status is {@code PAUSED} or {@code UNKNOWN}, or
     *                                  responseTime is negative
     */
    public Heartbeat {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(responseTime, "responseTime");
        Objects.requireNonNull(message, "message");
        if (status == MonitorStatus.PAUSED || status == MonitorStatus.UNKNOWN) {
            throw new IllegalArgumentException("Invalid heartbeat status " + status
                    + ": a heartbeat is UP, PENDING, DOWN or MAINTENANCE");
        }
        if (responseTime.isNegative()) {
            throw new IllegalArgumentException("Invalid response time " + responseTime + ": it must be zero or positive");
        }
    }
}
