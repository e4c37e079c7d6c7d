package fr.pareto.health.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pareto.health.CheckReport;
import fr.pareto.health.HealthFormat;
import fr.pareto.health.HealthReport;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes health reports as JSON bodies in either format. Thread-safe. Not part of the API. */
public final class HealthBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private HealthBodies() {
    }

    /** Writes a report; details (messages, durations, observed values) only when {@code withDetails}. */
    public static byte[] report(HealthReport report, HealthFormat format, boolean withDetails) {
        try {
            return MAPPER.writeValueAsBytes(format == HealthFormat.IETF ? ietf(report, withDetails) : pareto(report, withDetails));
        } catch (JsonProcessingException e) {
            // A detail value Jackson cannot write: the verdict alone holds only strings.
            return write(format == HealthFormat.IETF ? ietf(report, false) : pareto(report, false));
        }
    }

    /** Writes a report with details plus the gauges' values, for detailed health. */
    public static byte[] detailed(HealthReport report, List<CheckReport> gauges, HealthFormat format) {
        Map<String, Object> body = format == HealthFormat.IETF ? ietf(report, true) : pareto(report, true);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> failures = new LinkedHashMap<>();
        for (CheckReport gauge : gauges) {
            HealthResult result = gauge.result();
            values.put(gauge.name(), result.status() == HealthStatus.OK ? result.details().get("value") : null);
            if (result.status() != HealthStatus.OK) {
                failures.put(gauge.name(), result.message().orElse(result.status().jsonName()));
            }
        }
        body.put("metrics", values);
        if (!failures.isEmpty()) {
            body.put("metric_errors", failures);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return write(Map.of("status", report.status().jsonName(), "error", "detail values could not be written as JSON"));
        }
    }

    /** Writes a one-field error body such as {@code {"error":"not found"}}. */
    public static byte[] error(String message) {
        return write(Map.of("error", message));
    }

    private static Map<String, Object> pareto(HealthReport report, boolean withDetails) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().jsonName());
        Map<String, Object> checks = new LinkedHashMap<>();
        report.checks().forEach(check -> checks.put(check.name(), check.status().jsonName()));
        body.put("checks", checks);
        if (withDetails) {
            Map<String, Object> details = new LinkedHashMap<>();
            for (CheckReport check : report.checks()) {
                HealthResult result = check.result();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("status", result.status().jsonName());
                entry.put("critical", check.critical());
                result.duration().ifPresent(duration -> entry.put("duration_ms", duration.toMillis()));
                result.time().ifPresent(time -> entry.put("time", time.toString()));
                result.message().ifPresent(message -> entry.put("message", message));
                if (!result.details().isEmpty()) {
                    entry.put("details", result.details());
                }
                details.put(check.name(), entry);
            }
            body.put("details", details);
        }
        return body;
    }

    private static Map<String, Object> ietf(HealthReport report, boolean withDetails) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ietfStatus(report.status()));
        Map<String, Object> checks = new LinkedHashMap<>();
        for (CheckReport check : report.checks()) {
            HealthResult result = check.result();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", ietfStatus(result.status()));
            if (withDetails) {
                result.time().ifPresent(time -> entry.put("time", time.toString()));
                result.duration().ifPresent(duration -> {
                    entry.put("observedValue", duration.toMillis());
                    entry.put("observedUnit", "ms");
                });
                result.message().ifPresent(message -> entry.put("output", message));
                if (!result.details().isEmpty()) {
                    entry.put("details", result.details());
                }
            }
            checks.put(check.name(), List.of(entry));
        }
        body.put("checks", checks);
        return body;
    }

    private static String ietfStatus(HealthStatus status) {
        return switch (status) {
            case OK -> "pass";
            case DEGRADED -> "warn";
            case ERROR -> "fail";
        };
    }

    // For bodies made of strings, numbers and maps of those only, which Jackson always writes.
    private static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson failed to write a body of plain values", e);
        }
    }
}
