/** Error tracking: capture, fingerprint, group and alert on exceptions. */
package fr.pareto.errors;
