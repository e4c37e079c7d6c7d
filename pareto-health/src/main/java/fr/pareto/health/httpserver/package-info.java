/**
 * Health endpoint adapter for the JDK HTTP server ({@code jdk.httpserver} module, read only
 * when this package is used).
 */
package fr.pareto.health.httpserver;
