/**
 * Log capture for tests: the JSON events a block of code emits, parsed, with fluent assertions
 * that throw {@link java.lang.AssertionError}. Depends on neither JUnit nor AssertJ, so it ships in
 * the main jar without adding either to a production class path.
 */
package fr.pareto.logging.test;
