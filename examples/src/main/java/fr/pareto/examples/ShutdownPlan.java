package fr.pareto.examples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components to stop, grouped in phases so they stop in a fixed order whatever order they
 * started in. Monitors stop first, so no new alert is raised. Alert delivery follows and
 * flushes what is queued. Then come the servers, the background tasks, and the stores last.
 *
 * <p>Within a phase, components stop in reverse start order. Each component's failure is
 * logged and the next one still stops. Not thread-safe; {@link ExampleService} guards it.
 */
final class ShutdownPlan {

    /** Shutdown phases, in the order they run. */
    enum Phase {
        /** Uptime monitors and other sources of alerts. */
        MONITORS,
        /** Alert delivery, flushed within its close timeout. */
        ALERTS,
        /** HTTP servers: the API and the fixture shop. */
        SERVERS,
        /** Background work: the scraper, periodic metrics, health check threads. */
        BACKGROUND,
        /** Redis, then PostgreSQL. */
        STORES
    }

    private static final Logger log = LoggerFactory.getLogger(ShutdownPlan.class);

    private record Step(Phase phase, int order, String name, AutoCloseable component) {
    }

    private final List<Step> steps = new ArrayList<>();

    /** Adds a component to stop in the given phase. */
    void add(Phase phase, String name, AutoCloseable component) {
        steps.add(new Step(phase, steps.size(), name, component));
    }

    /** Stops every component once, in phase order; later calls do nothing. */
    void run() {
        List<Step> ordered = new ArrayList<>(steps);
        steps.clear();
        ordered.sort(Comparator.comparing(Step::phase).thenComparing(Comparator.comparingInt(Step::order).reversed()));
        for (Step step : ordered) {
            stop(step);
        }
    }

    private static void stop(Step step) {
        long started = System.nanoTime();
        try {
            step.component().close();
            log.atInfo().addKeyValue("module", "api").addKeyValue("component", step.name())
                    .addKeyValue("phase", step.phase().name().toLowerCase(java.util.Locale.ROOT))
                    .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                    .log("component stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.atWarn().addKeyValue("module", "api").addKeyValue("component", step.name())
                    .log("component stop interrupted");
        } catch (Exception e) {
            log.atWarn().addKeyValue("module", "api").addKeyValue("component", step.name()).setCause(e)
                    .log("component failed to stop");
        }
    }
}
