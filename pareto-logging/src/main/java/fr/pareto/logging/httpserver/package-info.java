/** Request logging for the JDK's {@code com.sun.net.httpserver.HttpServer}. */
package fr.pareto.logging.httpserver;
