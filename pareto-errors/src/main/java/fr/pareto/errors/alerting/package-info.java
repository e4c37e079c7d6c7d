/** The listener that sends error notifications as alerts. Needs pareto-alerting at run time. */
package fr.pareto.errors.alerting;
