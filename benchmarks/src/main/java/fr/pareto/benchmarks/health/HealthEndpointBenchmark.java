package fr.pareto.benchmarks.health;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResponse;
import fr.pareto.health.HealthResult;
import fr.pareto.health.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one {@code GET /health} with five checks that each take 200 ms, cache off, three
 * ways in one run:
 *
 * <ul>
 *   <li>{@code parallelFiveChecks}: {@link HealthEndpoint} over a {@link HealthRegistry}, which
 *       runs the checks in parallel. Target: at most 1.1 times {@code slowestCheckAlone}.
 *   <li>{@code sequentialFiveChecks}: the same checks called one after another and the same body
 *       written by hand, as the Go sketch in Pareto's plan does; about 5 times the slowest check.
 *   <li>{@code slowestCheckAlone}: the endpoint with only one 200 ms check, the floor.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class HealthEndpointBenchmark {

    static final Duration CHECK_TIME = Duration.ofMillis(200);
    private static final List<String> NAMES = List.of("database", "redis", "search", "storage", "mail");

    private final List<HealthCheck> checks = new ArrayList<>();
    private HealthRegistry fiveChecks;
    private HealthRegistry oneCheck;
    private HealthEndpoint parallel;
    private HealthEndpoint single;

    @Setup
    public void setUp() {
        NAMES.forEach(name -> checks.add(HealthCheck.of(name, HealthEndpointBenchmark::slowDependency)));
        HealthRegistry.Builder builder = HealthRegistry.builder().cacheTtl(Duration.ZERO);
        checks.forEach(builder::register);
        fiveChecks = builder.build();
        parallel = HealthEndpoint.builder(fiveChecks).build();
        oneCheck = HealthRegistry.builder().cacheTtl(Duration.ZERO).register(checks.get(0)).build();
        single = HealthEndpoint.builder(oneCheck).build();
    }

    @TearDown
    public void tearDown() {
        fiveChecks.close();
        oneCheck.close();
    }

    @Benchmark
    public HealthResponse parallelFiveChecks() {
        return parallel.respond(HealthRequest.get(""));
    }

    @Benchmark
    public byte[] sequentialFiveChecks() throws Exception {
        StringBuilder body = new StringBuilder("{\"status\":\"");
        StringBuilder entries = new StringBuilder();
        HealthStatus overall = HealthStatus.OK;
        for (HealthCheck check : checks) {
            HealthStatus status = check.check().status();
            overall = overall.worst(status);
            entries.append(entries.length() == 0 ? "" : ",").append('"').append(check.name()).append("\":\"")
                    .append(status.jsonName()).append('"');
        }
        body.append(overall.jsonName()).append("\",\"checks\":{").append(entries).append("}}");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public HealthResponse slowestCheckAlone() {
        return single.respond(HealthRequest.get(""));
    }

    static HealthResult slowDependency() throws InterruptedException {
        Thread.sleep(CHECK_TIME.toMillis()); // stands for a dependency that answers in 200 ms
        return HealthResult.ok();
    }
}
