package fr.pareto.examples.infra;

/**
 * A server address, without credentials.
 *
 * @param host host name or address
 * @param port TCP port
 */
public record Endpoint(String host, int port) {
}
