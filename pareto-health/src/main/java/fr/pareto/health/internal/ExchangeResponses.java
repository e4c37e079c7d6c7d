package fr.pareto.health.internal;

import com.sun.net.httpserver.HttpExchange;
import fr.pareto.health.HealthResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link HealthResponse} to a JDK {@code HttpExchange}; shared by this module's JDK adapters. */
public final class ExchangeResponses {

    private ExchangeResponses() {
    }

    /** Sends the status, headers and body; a HEAD request gets the headers only. Does not close the exchange. */
    public static void send(HttpExchange exchange, HealthResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = response.body();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        // A length of -1 announces no body, as HEAD requires.
        exchange.sendResponseHeaders(response.statusCode(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
