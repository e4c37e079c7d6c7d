/** Implementation of the error tracker; not exported, and not API. */
package fr.pareto.errors.internal;
