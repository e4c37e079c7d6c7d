package fr.pareto.examples.infra;

import fr.pareto.examples.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.embedded.RedisServer;

/**
 * The service's Redis: a pooled client on {@code REDIS_URL}, or on an embedded server started
 * for this process when the variable is unset.
 *
 * <p>Thread-safe. Commands time out after {@value #TIMEOUT_MILLIS} ms so a Redis outage slows
 * no request by more than that. {@link #close()} closes the client, then stops the embedded
 * server if one was started.
 */
public final class Redis implements AutoCloseable {

    /** Connect and read timeout of every command, in milliseconds. */
    public static final int TIMEOUT_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(Redis.class);

    private final RedisClient client;
    private final RedisServer embedded;
    private final URI uri;

    private Redis(RedisClient client, RedisServer embedded, URI uri) {
        this.client = client;
        this.embedded = embedded;
        this.uri = uri;
    }

    /** Connects to {@code REDIS_URL}, starting embedded Redis on a free loopback port when it is unset. */
    public static Redis open(ServiceConfig config) {
        if (config.redisUrl().isPresent()) {
            URI uri = config.redisUrl().get();
            log.atInfo().addKeyValue("module", "cache").addKeyValue("redis", ServiceConfig.redact(uri))
                    .log("redis configured");
            return new Redis(createClient(uri), null, uri);
        }
        int port = freeLoopbackPort();
        RedisServer server = startEmbedded(port);
        URI uri = URI.create("redis://127.0.0.1:" + port);
        log.atInfo().addKeyValue("module", "cache").addKeyValue("redis", "embedded Redis on 127.0.0.1:" + port)
                .log("redis configured");
        return new Redis(createClient(uri), server, uri);
    }

    /** Returns the client; its commands throw {@code JedisException} when Redis cannot be reached. */
    public RedisClient client() {
        return client;
    }

    /** Returns the server's host and port. */
    public Endpoint endpoint() {
        return new Endpoint(uri.getHost(), uri.getPort());
    }

    /**
     * Returns the server's URL. It may contain a password: pass it to code that needs it, such
     * as a health check, and log only {@link ServiceConfig#redact(URI)} of it.
     */
    public URI uri() {
        return uri;
    }

    /** Closes the client, then stops the embedded server if this process started one. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("module", "cache").setCause(e).log("redis client failed to close");
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException | RuntimeException e) {
                log.atWarn().addKeyValue("module", "cache").setCause(e).log("embedded Redis failed to stop");
            }
        }
    }

    private static RedisClient createClient(URI uri) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .clientName("pareto-example");
        if (uri.getScheme().toLowerCase(Locale.ROOT).equals("rediss")) {
            // NOTE: no test covers TLS, since no TLS Redis runs here. FULL checks the certificate
            // against the JVM's trust store and the host name against the certificate.
            config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                config.password(decode(userInfo));
            } else {
                if (colon > 0) {
                    config.user(decode(userInfo.substring(0, colon)));
                }
                config.password(decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        return RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort())
                .clientConfig(config.build())
                .build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static RedisServer startEmbedded(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    // No snapshots: the embedded server holds only a cache.
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded Redis failed to start on 127.0.0.1:" + port + ": "
                    + e.getMessage() + "; set REDIS_URL to use a running server instead", e);
        }
    }

    /** Returns a loopback port that was free a moment ago. Another process may take it first. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port: " + e.getMessage(), e);
        }
    }
}
