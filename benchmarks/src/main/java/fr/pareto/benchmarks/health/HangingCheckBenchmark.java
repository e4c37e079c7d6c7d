package fr.pareto.benchmarks.health;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HealthResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one {@code GET /health} when one of five checks hangs, with a 500 ms timeout per
 * check. Target: the timeout plus at most 50 ms. The other four checks take 20 ms.
 *
 * <p>Each invocation gets a fresh registry (built outside the measured time), so every request
 * meets a hang of its own rather than the cached timeout or the earlier stuck run.
 * {@code timeoutAlone} measures a plain 500 ms sleep in the same run, the floor to subtract.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class HangingCheckBenchmark {

    static final Duration TIMEOUT = Duration.ofMillis(500);

    private HealthRegistry registry;
    private HealthEndpoint endpoint;

    @Setup(Level.Invocation)
    public void setUp() {
        HealthRegistry.Builder builder = HealthRegistry.builder().timeout(TIMEOUT).closeTimeout(Duration.ofMillis(50));
        for (String name : new String[] {"database", "redis", "storage", "mail"}) {
            builder.register(HealthCheck.of(name, () -> {
                Thread.sleep(20); // stands for a dependency that answers in 20 ms
                return HealthResult.ok();
            }));
        }
        builder.register(HealthCheck.of("search", () -> {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10)); // a dependency that never answers
            return HealthResult.ok();
        }));
        registry = builder.build();
        endpoint = HealthEndpoint.builder(registry).build();
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public HealthResponse oneCheckHangs() {
        return endpoint.respond(HealthRequest.get(""));
    }

    @Benchmark
    public void timeoutAlone() throws InterruptedException {
        Thread.sleep(TIMEOUT.toMillis());
    }
}
