package fr.pareto.examples.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Small request helpers shared by the handlers. */
final class Requests {

    private Requests() {
    }

    /**
     * Answers 404 or 405 when the request does not match the handler's exact path and method.
     *
     * @return whether the request matches and the handler should go on
     */
    static boolean accept(HttpExchange exchange, String path, String method) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            Json.sendError(exchange, 404, "No endpoint at " + exchange.getRequestURI().getPath());
            return false;
        }
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            Json.sendError(exchange, 405, "Use " + method + " on " + path);
            return false;
        }
        return true;
    }

    /** Returns the decoded query parameters; a repeated name keeps its first value. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    /**
     * Reads an integer parameter.
     *
     * @throws BadRequestException naming the parameter, the value and the range
     */
    static int intParameter(Map<String, String> query, String name, int fallback, int min, int max) {
        Optional<String> value = Optional.ofNullable(query.get(name));
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw new BadRequestException("Invalid " + name + " \"" + value.get() + "\": use a whole number from "
                + min + " to " + max);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid percent-encoding in the query string");
        }
    }

    /** A request the handler rejects with 400 and the message. */
    static final class BadRequestException extends RuntimeException {
        BadRequestException(String message) {
            super(message);
        }
    }
}
