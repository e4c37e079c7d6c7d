package fr.pareto.examples.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A server address, without credentials.
 *
 * @param host host name or address
 * @param port TCP port
 */
public record Endpoint(String host, int port) {

    /** Reads the single host and port of a PostgreSQL JDBC URL; the default port is 5432. */
    static Optional<Endpoint> fromJdbcUrl(String url) {
        try {
            URI uri = new URI(url.substring("jdbc:".length()));
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new Endpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()));
        } catch (URISyntaxException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
