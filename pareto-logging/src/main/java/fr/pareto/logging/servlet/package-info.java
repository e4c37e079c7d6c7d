/** Request logging for Jakarta Servlet 6 containers; needs {@code jakarta.servlet-api} at run time. */
package fr.pareto.logging.servlet;
