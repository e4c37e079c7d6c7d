package fr.pareto.errors.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pareto.errors.ErrorGroup;
import fr.pareto.errors.ErrorSample;
import fr.pareto.errors.ErrorTrackerStats;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes error groups and small error bodies as JSON, with snake_case names. */
public final class ErrorJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorJson() {
    }

    /** Returns {@code {"groups":[...],"stats":{...}}}. */
    public static String groups(List<ErrorGroup> groups, ErrorTrackerStats stats) {
        List<Map<String, Object>> list = new ArrayList<>(groups.size());
        for (ErrorGroup group : groups) {
            list.add(group(group));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groups", list);
        body.put("stats", stats(stats));
        return write(body);
    }

    /** Returns {@code {"error":"<message>"}}. */
    public static String error(String message) {
        return write(Map.of("error", message));
    }

    /** Returns {@code {"error":"<message>","request_id":"<id>"}}, without the id when it is null. */
    public static String error(String message, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return write(body);
    }

    private static Map<String, Object> group(ErrorGroup group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fingerprint", group.fingerprint());
        out.put("type", group.type());
        out.put("count", group.count());
        out.put("first_seen", group.firstSeen().toString());
        out.put("last_seen", group.lastSeen().toString());
        ErrorSample sample = group.lastSample();
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("time", sample.time().toString());
        last.put("thread", sample.thread());
        last.put("error", sample.error());
        last.put("stack_trace", sample.stackTrace());
        last.put("context", sample.context());
        out.put("last_sample", last);
        return out;
    }

    private static Map<String, Object> stats(ErrorTrackerStats stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recorded", stats.recorded());
        out.put("duplicates", stats.duplicates());
        out.put("groups", stats.groups());
        out.put("evicted_groups", stats.evictedGroups());
        out.put("dropped_notifications", stats.droppedNotifications());
        out.put("listener_failures", stats.listenerFailures());
        out.put("internal_failures", stats.internalFailures());
        return out;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
