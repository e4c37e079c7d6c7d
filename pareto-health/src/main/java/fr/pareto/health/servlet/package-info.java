/**
 * Health endpoint adapter for Jakarta Servlet 6 containers. The servlet API is an optional
 * dependency: the container provides it.
 */
package fr.pareto.health.servlet;
