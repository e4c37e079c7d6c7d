package fr.pareto.health.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pareto.health.CheckReport;
import fr.pareto.health.HealthFormat;
import fr.pareto.health.HealthReport;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes health reports as JSON bodies in either format. Thread-safe. Not part of the API. */
public final class HealthBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * Longest key written, in code points. Check names and detail keys are the user's and may be
     * of any length, but Jackson's parsers reject names over 50,000 characters by default.
     */
    static final int MAX_KEY_CODE_POINTS = 256;
    // Nesting below this depth is left for Jackson, which reports a self-containing map as an error.
    private static final int MAX_KEY_DEPTH = 8;

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
            putKey(values, gauge.name(), result.status() == HealthStatus.OK ? capKeys(result.details().get("value"), 0) : null);
            if (result.status() != HealthStatus.OK) {
                putKey(failures, gauge.name(), result.message().orElse(result.status().jsonName()));
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
        report.checks().forEach(check -> putKey(checks, check.name(), check.status().jsonName()));
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
                    entry.put("details", capKeys(result.details(), 0));
                }
                putKey(details, check.name(), entry);
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
                    entry.put("details", capKeys(result.details(), 0));
                }
            }
            putKey(checks, check.name(), List.of(entry));
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

    /** Puts a value under the capped name; a capped name already present gets a suffix {@code _2}, {@code _3}. */
    private static void putKey(Map<String, Object> into, String name, Object value) {
        String key = capKey(name);
        String unique = key;
        for (int suffix = 2; into.containsKey(unique); suffix++) {
            unique = key + "_" + suffix;
        }
        into.put(unique, value);
    }

    private static String capKey(String name) {
        if (name.length() <= MAX_KEY_CODE_POINTS || name.codePointCount(0, name.length()) <= MAX_KEY_CODE_POINTS) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_KEY_CODE_POINTS)) + "...";
    }

    /** Returns the value with the keys of its maps, nested in maps and lists, capped. */
    private static Object capKeys(Object value, int depth) {
        if (depth >= MAX_KEY_DEPTH) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> capped = new LinkedHashMap<>();
            map.forEach((key, nested) -> putKey(capped, String.valueOf(key), capKeys(nested, depth + 1)));
            return capped;
        }
        if (value instanceof List<?> list) {
            List<Object> capped = new ArrayList<>(list.size());
            list.forEach(nested -> capped.add(capKeys(nested, depth + 1)));
            return capped;
        }
        return value;
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
