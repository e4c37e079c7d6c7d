/** JDK HTTP server adapters: the recovery filter and the errors endpoint handler. */
package fr.pareto.errors.httpserver;
