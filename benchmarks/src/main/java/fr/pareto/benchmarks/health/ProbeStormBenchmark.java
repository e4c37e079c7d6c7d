package fr.pareto.benchmarks.health;

import fr.pareto.health.HealthCheck;
import fr.pareto.health.HealthEndpoint;
import fr.pareto.health.HealthRegistry;
import fr.pareto.health.HealthRequest;
import fr.pareto.health.HealthResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A storm of 1,000 concurrent {@code GET /health/ready} requests, released together from 1,000
 * threads, against a database check that takes 5 ms and counts its validations. Target: one
 * validation per storm, since the storm fits in one 10 s time-to-live.
 *
 * <ul>
 *   <li>{@code registryStorm}: through {@link HealthEndpoint} with a 10 s cache; each invocation
 *       gets a fresh registry, so its storm starts with an empty cache.
 *   <li>{@code directStorm}: each request calls the check itself, as the Go sketch in Pareto's
 *       plan does: 1,000 validations.
 * </ul>
 *
 * The validation counts per storm are printed at the end of each trial; the score is the time
 * for the whole storm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ProbeStormBenchmark {

    static final int REQUESTS = 1_000;

    private final AtomicInteger validations = new AtomicInteger();
    private final List<Integer> registryCounts = new CopyOnWriteArrayList<>();
    private final List<Integer> directCounts = new CopyOnWriteArrayList<>();
    private ExecutorService callers;
    private HealthCheck database;
    private HealthRegistry registry;
    private HealthEndpoint endpoint;

    @Setup
    public void startCallers() {
        callers = Executors.newFixedThreadPool(REQUESTS, runnable -> {
            Thread thread = new Thread(runnable, "probe");
            thread.setDaemon(true);
            return thread;
        });
        database = HealthCheck.of("database", () -> {
            validations.incrementAndGet();
            Thread.sleep(5); // stands for one isValid round trip
            return HealthResult.ok();
        });
    }

    @Setup(Level.Invocation)
    public void newRegistry() {
        validations.set(0);
        registry = HealthRegistry.builder().cacheTtl(Duration.ofSeconds(10)).register(database).build();
        endpoint = HealthEndpoint.builder(registry).build();
    }

    @TearDown(Level.Invocation)
    public void closeRegistry() {
        registry.close();
    }

    @TearDown
    public void report() {
        callers.shutdownNow();
        System.out.println("validations per storm: registry " + summary(registryCounts) + ", direct " + summary(directCounts));
    }

    @Benchmark
    public int registryStorm() throws Exception {
        storm(() -> endpoint.respond(HealthRequest.get("/ready")).statusCode());
        registryCounts.add(validations.get());
        return validations.get();
    }

    @Benchmark
    public int directStorm() throws Exception {
        storm(() -> database.check().status().ordinal());
        directCounts.add(validations.get());
        return validations.get();
    }

    private void storm(java.util.concurrent.Callable<Integer> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> responses = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(callers.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        for (Future<Integer> response : responses) {
            response.get();
        }
    }

    private static String summary(List<Integer> counts) {
        IntSummaryStatistics statistics = counts.stream().mapToInt(Integer::intValue).summaryStatistics();
        return counts.isEmpty() ? "none" : "min " + statistics.getMin() + ", max " + statistics.getMax() + " over " + counts.size();
    }
}
