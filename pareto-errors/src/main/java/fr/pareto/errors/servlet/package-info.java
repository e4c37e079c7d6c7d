/** Jakarta Servlet adapters: the recovery filter and the errors endpoint servlet. Needs the Servlet API 6 at run time. */
package fr.pareto.errors.servlet;
