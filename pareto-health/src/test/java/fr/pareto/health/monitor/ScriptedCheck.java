package fr.pareto.health.monitor;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A check whose outcome the test sets at any moment, that takes a set time on the fake clock,
 * and that records when it started.
 */
final class ScriptedCheck implements HealthCheck {

    private final FakeScheduler scheduler;
    private final List<Instant> starts = new CopyOnWriteArrayList<>();
    private volatile boolean passing = true;
    private volatile String error = "connection refused";
    private volatile Duration takes = Duration.ZERO;

    ScriptedCheck(FakeScheduler scheduler) {
        this.scheduler = scheduler;
    }

    ScriptedCheck pass() {
        passing = true;
        return this;
    }

    ScriptedCheck fail(String message) {
        passing = false;
        error = message;
        return this;
    }

    ScriptedCheck fail() {
        return fail("connection refused");
    }

    ScriptedCheck takes(Duration duration) {
        takes = duration;
        return this;
    }

    List<Instant> starts() {
        return List.copyOf(starts);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public HealthResult check() {
        starts.add(scheduler.now());
        scheduler.sleep(takes);
        return passing ? HealthResult.ok() : HealthResult.error(error);
    }
}
