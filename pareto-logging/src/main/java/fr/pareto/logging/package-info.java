/** Structured JSON logging for Pareto services. */
package fr.pareto.logging;
