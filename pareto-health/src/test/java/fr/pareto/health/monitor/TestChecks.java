package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;

import java.util.concurrent.Callable;

/** Checks written as lambdas. */
final class TestChecks {

    private TestChecks() {
    }

    static HealthCheck of(String name, Callable<HealthResult> probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthResult check() throws Exception {
                return probe.call();
            }
        };
    }
}
