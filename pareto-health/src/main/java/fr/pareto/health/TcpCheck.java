package fr.pareto.health;

import fr.pareto.health.internal.Arguments;
import fr.pareto.health.internal.Texts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * A check that opens a TCP connection to a host and port and closes it at once, like Uptime
 * Kuma's port monitor. It proves that something listens, not that it answers correctly.
 *
 * <p>Immutable and thread-safe. Each {@link #check()} resolves the host again, so DNS changes
 * are seen.
 *
 * <pre>{@code
 * HealthCheck postgresPort = TcpCheck.builder("postgres", 5432).timeout(Duration.ofSeconds(1)).build();
 * }</pre>
 */
public final class TcpCheck implements HealthCheck {

    private final String name;
    private final String host;
    private final int port;
    private final Duration timeout;

    private TcpCheck(Builder builder) {
        this.name = builder.name != null ? builder.name : builder.host + ":" + builder.port;
        this.host = builder.host;
        this.port = builder.port;
        this.timeout = builder.timeout;
    }

    /**
     * Starts a check of {@code host:port}.
     *
     * @param host a host name or IP address, not blank
     * @param port between 1 and 65535
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if the host is blank or the port is out of range
     */
    public static Builder builder(String host, int port) {
        return new Builder(Arguments.host(host), Arguments.port(port));
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the host this check connects to. */
    public String host() {
        return host;
    }

    /** Returns the port this check connects to. */
    public int port() {
        return port;
    }

    /** Returns the bound on name resolution plus connection. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Connects once. Returns {@link HealthStatus#OK} with the {@code connect_ms} detail when the
     * connection opens within the timeout, and {@link HealthStatus#ERROR} with the reason
     * (refused, timed out, unknown host) otherwise. Never throws.
     */
    @Override
    public HealthResult check() {
        String target = host + ":" + port;
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            // NOTE: name resolution happens in the InetSocketAddress constructor and is not
            // covered by the connect timeout; the runner's per-check timeout still bounds it.
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            return HealthResult.builder(HealthStatus.OK)
                    .message("connected to " + target)
                    .detail("host", host)
                    .detail("port", port)
                    .detail("connect_ms", elapsedMillis)
                    .build();
        } catch (SocketTimeoutException e) {
            return failure("timed out after " + Texts.duration(timeout) + " connecting to " + target);
        } catch (UnknownHostException e) {
            return failure("unknown host " + host);
        } catch (ConnectException e) {
            return failure("connection refused by " + target);
        } catch (IOException | RuntimeException e) {
            return failure("connection to " + target + " failed: " + Texts.reason(e));
        }
    }

    private HealthResult failure(String message) {
        return HealthResult.builder(HealthStatus.ERROR).message(message).detail("host", host).detail("port", port).build();
    }

    @Override
    public String toString() {
        return "TcpCheck[" + name + " -> " + host + ":" + port + ", timeout " + Texts.duration(timeout) + "]";
    }

    /** Builds a {@link TcpCheck}. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String name;
        private Duration timeout = Duration.ofSeconds(2);

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** Sets the name under which the result is reported. Default: {@code host:port}. */
        public Builder name(String name) {
            this.name = Arguments.name(name);
            return this;
        }

        /**
         * Sets the connect timeout. Default: 2 s. Range: 1 ms to 1 h.
         *
         * @throws IllegalArgumentException if the timeout is out of range
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.timeout(timeout, "timeout");
            return this;
        }

        /** Builds the check. */
        public TcpCheck build() {
            return new TcpCheck(this);
        }
    }
}
