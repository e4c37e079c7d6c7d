/**
 * The alert-storm benchmark: {@link fr.pareto.benchmarks.alerting.AlertStorm} against a local
 * Discord stand-in with Discord's per-webhook rate limit.
 */
package fr.pareto.benchmarks.alerting;
