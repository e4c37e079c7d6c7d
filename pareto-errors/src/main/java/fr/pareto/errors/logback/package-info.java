/** The Logback appender that captures exceptions logged at ERROR. Needs Logback Classic at run time. */
package fr.pareto.errors.logback;
