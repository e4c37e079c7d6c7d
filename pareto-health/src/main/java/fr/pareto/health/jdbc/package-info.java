/** A health check of JDBC data sources, such as PostgreSQL behind a connection pool. */
package fr.pareto.health.jdbc;
