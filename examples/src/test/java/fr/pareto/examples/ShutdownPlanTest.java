package fr.pareto.examples;

import static org.assertj.core.api.Assertions.assertThat;

import fr.pareto.examples.ShutdownPlan.Phase;
import fr.pareto.logging.test.CapturedEvent;
import fr.pareto.logging.test.LogCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownPlanTest {

    private final List<String> stopped = new ArrayList<>();

    private AutoCloseable component(String name) {
        return () -> stopped.add(name);
    }

    @Test
    void phasesRunInOrderWhateverTheStartOrder() {
        ShutdownPlan plan = new ShutdownPlan();
        plan.add(Phase.STORES, "postgresql", component("postgresql"));
        plan.add(Phase.ALERTS, "alerts", component("alerts"));
        plan.add(Phase.STORES, "redis", component("redis"));
        plan.add(Phase.SERVERS, "http", component("http"));
        plan.add(Phase.MONITORS, "monitors", component("monitors"));
        plan.add(Phase.BACKGROUND, "metrics", component("metrics"));

        plan.run();

        assertThat(stopped).containsExactly("monitors", "alerts", "http", "metrics", "redis", "postgresql");
    }

    @Test
    void failingComponentDoesNotStopTheRest() {
        ShutdownPlan plan = new ShutdownPlan();
        plan.add(Phase.STORES, "postgresql", component("postgresql"));
        plan.add(Phase.SERVERS, "broken", () -> {
            throw new IllegalStateException("port already closed");
        });

        try (LogCapture logs = LogCapture.start()) {
            plan.run();

            assertThat(stopped).containsExactly("postgresql");
            CapturedEvent failure = logs.events("component failed to stop").get(0);
            assertThat(failure.string("component")).contains("broken");
            assertThat(failure.string("error")).hasValueSatisfying(error -> assertThat(error).contains("port already closed"));
        }
    }

    @Test
    void secondRunStopsNothing() {
        ShutdownPlan plan = new ShutdownPlan();
        plan.add(Phase.STORES, "redis", component("redis"));

        plan.run();
        plan.run();

        assertThat(stopped).containsExactly("redis");
    }

    @Test
    void interruptedStopRestoresTheFlag() {
        ShutdownPlan plan = new ShutdownPlan();
        plan.add(Phase.SERVERS, "waiting", () -> {
            throw new InterruptedException("stop interrupted");
        });
        plan.add(Phase.STORES, "redis", component("redis"));

        plan.run();

        assertThat(Thread.interrupted()).as("interrupt flag restored, then cleared").isTrue();
        assertThat(stopped).containsExactly("redis");
    }
}
