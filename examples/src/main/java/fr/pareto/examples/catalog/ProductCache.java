package fr.pareto.examples.catalog;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * A Redis cache of product pages, stored as the JSON the API returns.
 *
 * <p>The cache never fails a request: when Redis cannot be reached, reads miss and writes are
 * dropped, the outage is logged once (and its end once), and Redis is left alone for
 * {@link #RETRY_AFTER} so requests do not each wait for a connection timeout. Entries expire
 * after {@link #TTL}; {@link #invalidate()} makes every entry stale at once by moving to a new
 * generation of keys. Thread-safe.
 */
public final class ProductCache {

    /** Time to live of one cached page. */
    public static final Duration TTL = Duration.ofSeconds(60);

    /** Pause after a Redis failure before the cache tries Redis again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ProductCache.class);
    private static final String GENERATION_KEY = "pareto:products:generation";

    private final UnifiedJedis redis;
    private final LongSupplier nanoClock;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAtNanos;

    /** Creates a cache on the given client. */
    public ProductCache(UnifiedJedis redis) {
        this(redis, System::nanoTime);
    }

    ProductCache(UnifiedJedis redis, LongSupplier nanoClock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Returns the cached page, or empty on a miss or when Redis cannot be reached. */
    public Optional<String> get(int limit, int offset) {
        if (skipping()) {
            return Optional.empty();
        }
        try {
            String value = redis.get(key(limit, offset));
            recovered();
            return Optional.ofNullable(value);
        } catch (JedisException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /** Stores a page; dropped when Redis cannot be reached. */
    public void put(int limit, int offset, String json) {
        if (skipping()) {
            return;
        }
        try {
            redis.set(key(limit, offset), json, SetParams.setParams().ex(TTL.toSeconds()));
            recovered();
        } catch (JedisException e) {
            failed(e);
        }
    }

    /**
     * Makes every cached page stale. When Redis cannot be reached the pages stay until their
     * time to live ends, so a price change can take up to {@link #TTL} to show.
     */
    public void invalidate() {
        if (skipping()) {
            return;
        }
        try {
            redis.incr(GENERATION_KEY);
            recovered();
        } catch (JedisException e) {
            failed(e);
        }
    }

    private String key(int limit, int offset) {
        String generation = redis.get(GENERATION_KEY);
        return "pareto:products:" + (generation == null ? "0" : generation) + ":" + limit + ":" + offset;
    }

    private boolean skipping() {
        return down.get() && nanoClock.getAsLong() - retryAtNanos < 0;
    }

    private void failed(JedisException e) {
        retryAtNanos = nanoClock.getAsLong() + RETRY_AFTER.toNanos();
        if (down.compareAndSet(false, true)) {
            log.atWarn().addKeyValue("module", "cache").addKeyValue("retry_after_ms", RETRY_AFTER.toMillis())
                    .setCause(e).log("product cache unavailable, serving from PostgreSQL");
        }
    }

    private void recovered() {
        if (down.compareAndSet(true, false)) {
            log.atInfo().addKeyValue("module", "cache").log("product cache available again");
        }
    }
}
