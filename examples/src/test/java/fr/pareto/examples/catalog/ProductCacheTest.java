package fr.pareto.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.examples.infra.Redis;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

class ProductCacheTest {

    private final int port = Redis.freeLoopbackPort();
    private final RedisServer server = startRedis(port);
    private final RedisClient client = RedisClient.create("127.0.0.1", port);
    private final AtomicLong nanos = new AtomicLong();
    private final ProductCache cache = new ProductCache(client, nanos::get);

    private static RedisServer startRedis(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (server.isActive()) {
            server.stop();
        }
    }

    @Test
    void storedPageIsReturned() {
        cache.put(20, 0, "{\"products\":[]}");

        assertThat(cache.get(20, 0)).contains("{\"products\":[]}");
        assertThat(cache.get(20, 20)).isEmpty();
    }

    @Test
    void invalidateMakesEveryPageStale() {
        cache.put(20, 0, "a");
        cache.put(10, 0, "b");

        cache.invalidate();

        assertThat(cache.get(20, 0)).isEmpty();
        assertThat(cache.get(10, 0)).isEmpty();
    }

    @Test
    void entriesExpire() {
        cache.put(5, 0, "page");

        long ttl = client.ttl(client.keys("pareto:products:*").iterator().next());

        assertThat(ttl).isBetween(1L, ProductCache.TTL.toSeconds());
    }

    @Test
    void redisOutageMissesThenRecovers() throws Exception {
        cache.put(20, 0, "before");
        server.stop();

        assertThat(cache.get(20, 0)).isEmpty();
        cache.put(20, 0, "dropped");
        cache.invalidate();

        server.start();
        // Still inside the retry pause: Redis is not asked.
        assertThat(cache.get(20, 0)).isEmpty();

        nanos.addAndGet(ProductCache.RETRY_AFTER.toNanos() + 1);
        cache.put(20, 0, "after");
        assertThat(cache.get(20, 0)).contains("after");
    }
}
