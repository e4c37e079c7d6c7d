package fr.pareto.health.redis;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import fr.pareto.health.internal.Arguments;
import fr.pareto.health.internal.Resp;
import fr.pareto.health.internal.Texts;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A check of Redis that opens a connection, authenticates if the URL has credentials
 * ({@code AUTH [user] password}), selects the database if not 0, sends {@code PING}, expects
 * {@code PONG} and closes. It speaks RESP itself, so it needs no Redis client library.
 *
 * <p>Error replies are failures with Redis's reason: {@code NOAUTH} (a password is required),
 * {@code WRONGPASS} (wrong user or password), {@code LOADING} (Redis is loading its dataset)
 * and any other. The whole exchange, TLS handshake included, is bounded by the timeout. Messages
 * and {@link #toString()} never contain the password.
 *
 * <p>{@code rediss://} URLs use TLS with the JVM's trust store and host name verification,
 * unless {@link Builder#sslContext(SSLContext)} or {@link Builder#verifyHostname(boolean)} override
 * them.
 *
 * <p>Applications that already hold a Lettuce or Jedis client can check through it instead:
 * {@link #of(String, RedisPing)}.
 *
 * <p>Immutable and thread-safe; holds no connection between checks.
 */
public final class RedisCheck implements HealthCheck {

    private final String name;
    private final RedisUri uri;
    private final Duration timeout;
    private final SSLContext sslContext;
    private final boolean verifyHostname;

    private RedisCheck(Builder builder) {
        this.name = builder.name;
        this.uri = builder.uri;
        this.timeout = builder.timeout;
        this.sslContext = builder.sslContext;
        this.verifyHostname = builder.verifyHostname;
    }

    /**
     * Starts a check of the Redis at this URL, named {@code redis} with a 2 s timeout.
     *
     * @throws IllegalArgumentException if the URL is invalid; see {@link RedisUri#parse(String)}
     */
    public static Builder builder(String url) {
        return new Builder(RedisUri.parse(url));
    }

    /** Starts a check of the Redis at this parsed URL. */
    public static Builder builder(RedisUri uri) {
        return new Builder(Objects.requireNonNull(uri, "uri"));
    }

    /**
     * Returns a check that pings through the application's own client. The reply must be
     * {@code PONG} (any case); anything else, or an exception, is an error with the reason.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank
     */
    public static HealthCheck of(String name, RedisPing ping) {
        Objects.requireNonNull(ping, "ping");
        return HealthCheck.of(Arguments.name(name), () -> {
            long start = System.nanoTime();
            String reply = ping.ping();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            if (reply == null || !reply.trim().equalsIgnoreCase("PONG")) {
                return HealthResult.error("unexpected reply to PING: " + (reply == null ? "none" : Texts.scrub(reply)));
            }
            return HealthResult.builder(HealthStatus.OK).detail("ping_ms", elapsedMillis).build();
        });
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the Redis URL this check connects to; its {@code toString} hides the password. */
    public RedisUri uri() {
        return uri;
    }

    /**
     * Connects, authenticates, selects and pings once. Returns {@link HealthStatus#OK} with
     * details {@code host}, {@code port}, {@code database}, {@code tls} and {@code ping_ms},
     * or {@link HealthStatus#ERROR} with the reason. Never throws.
     */
    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String target = uri.host() + ":" + uri.port();
        try (Socket socket = connect(deadline)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (uri.password().isPresent()) {
                String[] auth = uri.user().isPresent()
                        ? new String[] {"AUTH", uri.user().get(), uri.password().get()}
                        : new String[] {"AUTH", uri.password().get()};
                Resp.Reply reply = exchange(socket, out, in, deadline, auth);
                if (reply.isError()) {
                    return failure("Redis at " + target + " rejected AUTH: " + reply.text());
                }
            }
            if (uri.database() != 0) {
                Resp.Reply reply = exchange(socket, out, in, deadline, "SELECT", Integer.toString(uri.database()));
                if (reply.isError()) {
                    return failure("Redis at " + target + " rejected SELECT " + uri.database() + ": " + reply.text());
                }
            }
            Resp.Reply reply = exchange(socket, out, in, deadline, "PING");
            if (reply.isError()) {
                return failure("Redis at " + target + " replied to PING with an error: " + reply.text());
            }
            if (!reply.text().equalsIgnoreCase("PONG")) {
                return failure("Redis at " + target + " replied to PING with " + reply.type() + reply.text() + ", expected +PONG");
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            return details(HealthResult.builder(HealthStatus.OK)).detail("ping_ms", elapsedMillis).build();
        } catch (SocketTimeoutException e) {
            return failure("timed out after " + Texts.duration(timeout) + " waiting for Redis at " + target);
        } catch (UnknownHostException e) {
            return failure("unknown Redis host " + uri.host());
        } catch (ConnectException e) {
            return failure("connection refused by Redis at " + target);
        } catch (SSLException e) {
            return failure("TLS with Redis at " + target + " failed: " + Texts.reason(e));
        } catch (IOException | RuntimeException e) {
            return failure("Redis at " + target + " failed: " + Texts.reason(e));
        }
    }

    private Socket connect(long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.host(), uri.port()), remainingMillis(deadline));
            socket.setTcpNoDelay(true);
            if (!uri.tls()) {
                return socket;
            }
            SSLSocketFactory factory = sslContext != null ? sslContext.getSocketFactory() : (SSLSocketFactory) SSLSocketFactory.getDefault();
            SSLSocket tlsSocket = (SSLSocket) factory.createSocket(socket, uri.host(), uri.port(), true);
            if (verifyHostname) {
                SSLParameters parameters = tlsSocket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tlsSocket.setSSLParameters(parameters);
            }
            tlsSocket.setSoTimeout(remainingMillis(deadline));
            tlsSocket.startHandshake();
            return tlsSocket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Resp.Reply exchange(Socket socket, OutputStream out, InputStream in, long deadline, String... command)
            throws IOException {
        socket.setSoTimeout(remainingMillis(deadline));
        Resp.send(out, command);
        return Resp.read(in);
    }

    // At least 1 ms: 0 means "no timeout" to sockets.
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining < 1) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    private HealthResult failure(String message) {
        return details(HealthResult.builder(HealthStatus.ERROR).message(message)).build();
    }

    private HealthResult.Builder details(HealthResult.Builder builder) {
        return builder.detail("host", uri.host()).detail("port", uri.port()).detail("database", uri.database())
                .detail("tls", uri.tls());
    }

    @Override
    public String toString() {
        return "RedisCheck[" + name + " -> " + uri + ", timeout " + Texts.duration(timeout) + "]";
    }

    /** Builds a {@link RedisCheck}. Not thread-safe. */
    public static final class Builder {
        private final RedisUri uri;
        private String name = "redis";
        private Duration timeout = Duration.ofSeconds(2);
        private SSLContext sslContext;
        private boolean verifyHostname = true;

        private Builder(RedisUri uri) {
            this.uri = uri;
        }

        /** Sets the name under which the result is reported. Default: {@code redis}. */
        public Builder name(String name) {
            this.name = Arguments.name(name);
            return this;
        }

        /** Sets the bound on the whole exchange, from connect to {@code PONG}. Default: 2 s. Range: 1 ms to 1 h. */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.timeout(timeout, "timeout");
            return this;
        }

        /** Sets the TLS context for {@code rediss://}, such as one trusting a private CA. Default: the JVM's. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Checks that the TLS certificate names the host when {@code true}. Default: {@code true}.
         * Turn it off only for a certificate issued to another name, such as a managed Redis
         * reached through an IP address.
         */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /** Builds the check. */
        public RedisCheck build() {
            return new RedisCheck(this);
        }
    }
}
