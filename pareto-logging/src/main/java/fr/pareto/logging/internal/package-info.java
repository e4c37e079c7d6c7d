/** Implementation of {@code fr.pareto.logging}; not exported, and subject to change without notice. */
package fr.pareto.logging.internal;
