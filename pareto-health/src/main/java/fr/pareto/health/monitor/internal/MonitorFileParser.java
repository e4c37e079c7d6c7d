package fr.pareto.health.monitor.internal;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HttpCheck;
import fr.pareto.health.monitor.Monitor;
import fr.pareto.health.monitor.MonitorFileException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the monitor file format described on {@code MonitorFile}. One instance per parse. */
public final class MonitorFileParser {

    private static final String DEFAULTS = "defaults";
    private static final Set<String> TARGET_KEYS = Set.of("http", "tcp", "check");
    private static final Set<String> COMMON_KEYS = Set.of("interval", "timeout", "down-after", "retry-interval",
            "renotify-every", "notify-recovery", "max-response-time", "paused");
    private static final Set<String> HTTP_KEYS = Set.of("expect-status", "keyword", "keyword-absent", "follow-redirects");
    private static final String HEADER_PREFIX = "header.";
    private static final String KNOWN_KEYS = "http, tcp, check, interval, timeout, down-after, retry-interval,"
            + " renotify-every, notify-recovery, max-response-time, paused, expect-status, keyword, keyword-absent,"
            + " follow-redirects, header.NAME";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h|d)");
    private static final Pattern STATUS_RANGE = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})");

    private final String source;
    private final Map<String, HealthCheck> checks;
    private final UnaryOperator<String> environment;
    private final List<String> problems = new ArrayList<>();

    /** Creates a parser; source names the file in messages. */
    public MonitorFileParser(String source, Map<String, HealthCheck> checks, UnaryOperator<String> environment) {
        this.source = source;
        this.checks = checks;
        this.environment = environment;
    }

    /**
     * Parses the text into monitors, in file order.
     *
     * @throws MonitorFileException listing every problem found
     */
    public List<Monitor> parse(String text) {
        List<Section> sections = readSections(text);
        Section defaults = null;
        List<Section> monitorSections = new ArrayList<>();
        for (Section section : sections) {
            if (section.name.equalsIgnoreCase(DEFAULTS)) {
                if (defaults != null) {
                    problem(section.line, "second [defaults] section: merge it into the one on line " + defaults.line);
                }
                defaults = section;
            } else {
                monitorSections.add(section);
            }
        }
        if (defaults != null) {
            checkDefaults(defaults);
        }

        List<Monitor> monitors = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Section section : monitorSections) {
            Integer first = seen.putIfAbsent(section.name, section.line);
            if (first != null) {
                problem(section.line, "duplicate monitor [" + section.name + "], first on line " + first
                        + ": give each monitor its own name");
                continue;
            }
            Monitor monitor = build(section, defaults);
            if (monitor != null) {
                monitors.add(monitor);
            }
        }
        if (monitorSections.isEmpty() && problems.isEmpty()) {
            problems.add(source + ": no monitor: add a section such as [API Health] with http = http://api:8080/health");
        }
        if (!problems.isEmpty()) {
            throw new MonitorFileException(problems);
        }
        return monitors;
    }

    private List<Section> readSections(String text) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = readHeader(line, number);
                if (current != null) {
                    sections.add(current);
                }
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problem(number, "expected \"key = value\" or \"[Monitor name]\", found \"" + Secrets.mask(line) + "\"");
                continue;
            }
            if (current == null) {
                problem(number, "\"" + line.substring(0, equals).strip() + "\" is outside any section:"
                        + " start the file with [defaults] or a [Monitor name]");
                continue;
            }
            String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            Entry previous = current.entries.get(key);
            if (previous != null) {
                problem(number, "duplicate key \"" + key + "\" in [" + current.name + "], first on line "
                        + previous.line + ": keep one");
                continue;
            }
            String value = substitute(line.substring(equals + 1).strip(), number);
            current.entries.put(key, new Entry(number, key, value));
        }
        return sections;
    }

    private Section readHeader(String line, int number) {
        if (!line.endsWith("]")) {
            problem(number, "section header \"" + line + "\" has no closing ]: write [Monitor name]");
            return null;
        }
        String name = line.substring(1, line.length() - 1).strip();
        if (name.isEmpty() || name.length() > 100) {
            problem(number, "invalid section name \"" + name + "\": give a monitor name of 1 to 100 characters");
            return null;
        }
        return new Section(number, name);
    }

    private String substitute(String value, int line) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String resolved = environment.apply(matcher.group(1));
            if (resolved == null) {
                problem(line, "environment variable " + matcher.group(1) + " is not set: set it, or write the value in the file");
                resolved = "";
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(resolved));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private void checkDefaults(Section defaults) {
        for (Entry entry : defaults.entries.values()) {
            if (TARGET_KEYS.contains(entry.key)) {
                problem(entry.line, "\"" + entry.key + "\" in [defaults]: a target belongs in a monitor's own section");
            } else if (!isKnown(entry.key)) {
                unknownKey(entry, DEFAULTS);
            }
        }
    }

    private Monitor build(Section section, Section defaults) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (defaults != null) {
            entries.putAll(defaults.entries);
            entries.keySet().removeIf(TARGET_KEYS::contains);
        }
        entries.putAll(section.entries);

        List<Entry> targets = section.entries.values().stream().filter(entry -> TARGET_KEYS.contains(entry.key)).toList();
        if (targets.size() != 1) {
            problem(section.line, "[" + section.name + "] " + (targets.isEmpty() ? "has no target" : "has several targets")
                    + ": give exactly one of http = URL, tcp = host:port or check = NAME");
            return null;
        }
        Entry target = targets.get(0);
        int before = problems.size();
        HttpCheck.Builder http = target.key.equals("http") ? httpBuilder(target, section) : null;
        for (Entry entry : section.entries.values()) {
            if (!isKnown(entry.key)) {
                unknownKey(entry, section.name);
            } else if (http == null && (HTTP_KEYS.contains(entry.key) || entry.key.startsWith(HEADER_PREFIX))) {
                problem(entry.line, "\"" + entry.key + "\" in [" + section.name + "] applies only to http monitors: remove it");
            }
        }
        Monitor.Builder monitor = monitorBuilder(section, target, http);
        if (monitor == null || problems.size() > before) {
            return null;
        }
        for (Entry entry : entries.values()) {
            if (COMMON_KEYS.contains(entry.key)) {
                apply(monitor, entry, section.name);
            } else if (http != null && (HTTP_KEYS.contains(entry.key) || entry.key.startsWith(HEADER_PREFIX))) {
                applyHttp(http, entry, section.name);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return monitor.build();
        } catch (IllegalArgumentException e) {
            problem(section.line, "[" + section.name + "]: " + e.getMessage());
            return null;
        }
    }

    private HttpCheck.Builder httpBuilder(Entry target, Section section) {
        try {
            return HttpCheck.builder(target.value).name(section.name);
        } catch (IllegalArgumentException e) {
            invalid(target, section.name, "write an absolute http or https URL, such as http://api:8080/health");
            return null;
        }
    }

    private Monitor.Builder monitorBuilder(Section section, Entry target, HttpCheck.Builder http) {
        try {
            switch (target.key) {
                case "http":
                    return http == null ? null : Monitor.http(section.name, http);
                case "tcp":
                    Matcher hostPort = HOST_PORT.matcher(target.value);
                    int port = hostPort.matches() ? Integer.parseInt(hostPort.group(2)) : -1;
                    if (port < 1 || port > 65535) {
                        invalid(target, section.name, "write host:port with a port from 1 to 65535, such as postgres:5432");
                        return null;
                    }
                    String host = hostPort.group(1).replace("[", "").replace("]", "");
                    return Monitor.tcp(section.name, host, port);
                default:
                    HealthCheck check = checks.get(target.value);
                    if (check == null) {
                        invalid(target, section.name, checks.isEmpty()
                                ? "no checks were passed to MonitorFile.read: pass a map of name to HealthCheck"
                                : "name one of the checks passed to MonitorFile.read: " + checks.keySet());
                        return null;
                    }
                    return Monitor.builder(section.name, check);
            }
        } catch (IllegalArgumentException e) {
            invalid(target, section.name, e.getMessage());
            return null;
        }
    }

    private void apply(Monitor.Builder monitor, Entry entry, String section) {
        try {
            switch (entry.key) {
                case "interval" -> monitor.interval(duration(entry, section));
                case "timeout" -> monitor.timeout(duration(entry, section));
                case "retry-interval" -> monitor.retryInterval(duration(entry, section));
                case "max-response-time" -> monitor.maxResponseTime(duration(entry, section));
                case "renotify-every" -> monitor.renotifyEvery(
                        entry.value.equalsIgnoreCase("off") ? Duration.ZERO : duration(entry, section));
                case "down-after" -> monitor.downAfter(integer(entry, section));
                case "notify-recovery" -> monitor.notifyRecovery(bool(entry, section));
                case "paused" -> monitor.paused(bool(entry, section));
                default -> throw new IllegalStateException("unhandled key " + entry.key);
            }
        } catch (BadValue e) {
            // Already reported.
        } catch (IllegalArgumentException e) {
            invalid(entry, section, e.getMessage());
        }
    }

    private void applyHttp(HttpCheck.Builder http, Entry entry, String section) {
        try {
            if (entry.key.startsWith(HEADER_PREFIX)) {
                http.header(entry.key.substring(HEADER_PREFIX.length()), entry.value);
                return;
            }
            switch (entry.key) {
                case "expect-status" -> {
                    Matcher range = STATUS_RANGE.matcher(entry.value);
                    if (!range.matches()) {
                        invalid(entry, section, "write a status code such as 200, or a range such as 200-399");
                        return;
                    }
                    int min = Integer.parseInt(range.group(1));
                    int max = range.group(2) == null ? min : Integer.parseInt(range.group(2));
                    http.expectedStatus(min, max);
                }
                case "keyword" -> http.bodyContains(entry.value);
                case "keyword-absent" -> http.bodyNotContains(entry.value);
                case "follow-redirects" -> http.followRedirects(bool(entry, section));
                default -> throw new IllegalStateException("unhandled key " + entry.key);
            }
        } catch (BadValue e) {
            // Already reported.
        } catch (IllegalArgumentException e) {
            invalid(entry, section, e.getMessage());
        }
    }

    private Duration duration(Entry entry, String section) {
        String value = entry.value.toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (value.startsWith("pt") || value.startsWith("p")) {
            try {
                return Duration.parse(entry.value);
            } catch (DateTimeParseException e) {
                // Reported below with the usual fix.
            }
        }
        invalid(entry, section, "write a duration with a unit, such as 500ms, 60s, 5m or 1h");
        throw new BadValue();
    }

    private int integer(Entry entry, String section) {
        try {
            return Integer.parseInt(entry.value);
        } catch (NumberFormatException e) {
            invalid(entry, section, "write a whole number, such as 3");
            throw new BadValue();
        }
    }

    private boolean bool(Entry entry, String section) {
        switch (entry.value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on":
                return true;
            case "no", "false", "off":
                return false;
            default:
                invalid(entry, section, "write yes or no");
                throw new BadValue();
        }
    }

    private static boolean isKnown(String key) {
        return TARGET_KEYS.contains(key) || COMMON_KEYS.contains(key) || HTTP_KEYS.contains(key)
                || key.startsWith(HEADER_PREFIX) && key.length() > HEADER_PREFIX.length();
    }

    private void unknownKey(Entry entry, String section) {
        problem(entry.line, "unknown key \"" + entry.key + "\" in [" + section + "]: the keys are " + KNOWN_KEYS);
    }

    private void invalid(Entry entry, String section, String fix) {
        // Header values and URLs may carry credentials: never echo them unmasked.
        String shown = entry.key.startsWith(HEADER_PREFIX) ? Secrets.MASK : Secrets.mask(entry.value);
        problem(entry.line, "invalid " + entry.key + " \"" + shown + "\" in [" + section + "]: " + fix);
    }

    private void problem(int line, String message) {
        problems.add(source + ":" + line + ": " + message);
    }

    /** A value already reported as a problem; stops applying the key. */
    private static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue() {
            super(null, null, false, false);
        }
    }

    private record Entry(int line, String key, String value) {
    }

    private static final class Section {
        final int line;
        final String name;
        final Map<String, Entry> entries = new LinkedHashMap<>();

        Section(int line, String name) {
            this.line = line;
            this.name = name;
        }
    }
}
