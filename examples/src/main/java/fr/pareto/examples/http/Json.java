package fr.pareto.examples.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** JSON responses of the API: snake_case names, instants in RFC 3339. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private Json() {
    }

    /** Writes a value as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Response could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Sends a JSON body with the given status and closes the exchange's body. */
    public static void send(HttpExchange exchange, int status, String json) throws IOException {
        sendText(exchange, status, "application/json", json);
    }

    /** Sends a UTF-8 text body with the given status and content type, and closes the exchange's body. */
    public static void sendText(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sends {@code {"error": message}} with the given status. */
    public static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, write(Map.of("error", message)));
    }
}
