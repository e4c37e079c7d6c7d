package fr.pareto.health.redis;

/**
 * Sends {@code PING} through a Redis client the application already uses and returns the reply,
 * so {@link RedisCheck#of(String, RedisPing)} checks Redis the way the application reaches it.
 *
 * <pre>{@code
 * RedisPing lettuce = () -> connection.sync().ping();
 * RedisPing jedis = () -> { try (Jedis client = pool.getResource()) { return client.ping(); } };
 * }</pre>
 */
@FunctionalInterface
public interface RedisPing {

    /**
     * Sends {@code PING} and returns the reply, {@code PONG} when Redis is healthy.
     *
     * @throws Exception when the client fails; the check reports it as an error
     */
    String ping() throws Exception;
}
