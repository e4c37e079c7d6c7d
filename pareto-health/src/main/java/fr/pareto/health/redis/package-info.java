/**
 * A health check of Redis that speaks RESP itself, with no client library, plus an adapter for
 * applications that check through their own client.
 */
package fr.pareto.health.redis;
