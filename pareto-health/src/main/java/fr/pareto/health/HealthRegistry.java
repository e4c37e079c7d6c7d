package fr.pareto.health;

import fr.pareto.health.internal.Arguments;
import fr.pareto.health.internal.CheckSlot;
import fr.pareto.health.internal.DaemonThreads;
import fr.pareto.health.internal.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named health checks, their groups and the threads that run them.
 *
 * <p>{@link #evaluate(String)} runs the checks of a group in parallel, each bounded by its
 * timeout, and never throws: an exception, a timeout or a check still stuck from an earlier run
 * becomes an {@link HealthStatus#ERROR} result with the reason. Each check's result, failures
 * included, is cached for {@link Builder#cacheTtl(Duration)}, and callers that arrive while a
 * check runs share that run, so a storm of probes costs each dependency one call per
 * time-to-live. A check belongs to any number of groups and runs once for all of them.
 *
 * <p>Gauges ({@link Builder#gauge(String, Callable)}) are values for detailed health, such as
 * row counts; they run only through {@link #evaluateGauges()} and {@link #evaluateDetailed()},
 * never as part of a group.
 *
 * <p>Thread-safe. Runs checks on its own bounded pool of daemon threads and one daemon timer
 * thread. {@link #close()} stops them within {@link Builder#closeTimeout(Duration)}; after
 * close, every evaluation returns errors at once.
 *
 * <pre>{@code
 * HealthRegistry registry = HealthRegistry.builder()
 *         .register(DataSourceCheck.builder(dataSource).name("database").build())
 *         .register(RedisCheck.builder("redis://redis:6379").name("redis").build(),
 *                 CheckOptions.defaults().nonCritical())
 *         .build();
 * HealthReport ready = registry.evaluate(HealthRegistry.READINESS);
 * }</pre>
 */
public final class HealthRegistry implements AutoCloseable {

    /**
     * The liveness group, {@code live}: checks that fail only when restarting the process would
     * help. Empty unless checks are put in it, so liveness does not follow dependencies.
     */
    public static final String LIVENESS = "live";

    /** The readiness group, {@code ready}: dependencies needed to serve traffic. Checks join it by default. */
    public static final String READINESS = "ready";

    private static final Logger LOGGER = LoggerFactory.getLogger(HealthRegistry.class);
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(1);
    private static final int MAX_PENDING_CHANGES = 1024;

    private final List<CheckSlot> checks;
    private final Map<String, List<CheckSlot>> groups;
    private final List<CheckSlot> gauges;
    private final List<HealthListener> listeners;
    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor notifier;
    private final Duration closeTimeout;
    private final Duration longestTimeout;
    private volatile boolean closed;

    private HealthRegistry(Builder builder) {
        LongSupplier clock = builder.nanoClock;
        this.checks = new ArrayList<>();
        this.groups = new LinkedHashMap<>();
        groups.put(LIVENESS, new ArrayList<>());
        groups.put(READINESS, new ArrayList<>());
        Duration longest = Duration.ZERO;
        for (Registration registration : builder.registrations) {
            CheckOptions options = registration.options();
            Duration timeout = options.timeout().orElse(builder.timeout);
            longest = timeout.compareTo(longest) > 0 ? timeout : longest;
            CheckSlot slot = new CheckSlot(registration.check(), registration.check().name(), options.critical(),
                    timeout, builder.cacheTtl, clock);
            checks.add(slot);
            for (String group : options.groups()) {
                groups.computeIfAbsent(group, name -> new ArrayList<>()).add(slot);
            }
        }
        this.gauges = new ArrayList<>();
        for (Map.Entry<String, Callable<?>> gauge : builder.gauges.entrySet()) {
            longest = builder.gaugeTimeout.compareTo(longest) > 0 ? builder.gaugeTimeout : longest;
            gauges.add(new CheckSlot(gaugeCheck(gauge.getKey(), gauge.getValue()), gauge.getKey(), false,
                    builder.gaugeTimeout, builder.gaugeCacheTtl, clock));
        }
        this.listeners = List.copyOf(builder.listeners);
        this.longestTimeout = longest;
        this.closeTimeout = builder.closeTimeout;

        int slots = Math.max(1, checks.size() + gauges.size());
        int threads = builder.threads > 0 ? builder.threads : Math.min(slots, 32);
        // At most one run per check is queued or running (runs in flight are shared and stuck
        // runs are not repeated), so two places per check (one for a cancelled run not yet
        // removed) never reject.
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(2 * slots), new DaemonThreads("pareto-health-check"));
        executor.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("pareto-health-timer"));
        timer.setRemoveOnCancelPolicy(true);
        // Listeners run on their own thread, so a slow one delays neither checks nor timeouts.
        this.notifier = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_PENDING_CHANGES),
                new DaemonThreads("pareto-health-listener"));
        notifier.allowCoreThreadTimeOut(true);
    }

    /** Starts a registry with a 2 s timeout per check and a 1 s cache. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the group names: {@code live}, {@code ready}, then user groups in order of first use. */
    public Set<String> groups() {
        return java.util.Collections.unmodifiableSet(groups.keySet());
    }

    /** Returns whether a group of this name exists. */
    public boolean hasGroup(String group) {
        return groups.containsKey(Objects.requireNonNull(group, "group"));
    }

    /** Returns whether any gauge is registered. */
    public boolean hasGauges() {
        return !gauges.isEmpty();
    }

    /**
     * Runs every registered check (from the cache where fresh) and returns the overall report.
     * Blocks at most the longest check timeout plus a small margin. Never throws.
     */
    public HealthReport evaluate() {
        return HealthReport.of(collect(checks));
    }

    /**
     * Runs the checks of one group (from the cache where fresh) and returns its report, checks in
     * registration order. Blocks at most the longest check timeout plus a small margin. Never
     * throws for a running or closed registry.
     *
     * @throws IllegalArgumentException if no group has this name; see {@link #hasGroup(String)}
     */
    public HealthReport evaluate(String group) {
        List<CheckSlot> members = groups.get(Objects.requireNonNull(group, "group"));
        if (members == null) {
            throw new IllegalArgumentException("Unknown health group: \"" + group + "\"; known groups: " + groups.keySet());
        }
        return HealthReport.of(collect(members));
    }

    /**
     * Evaluates every gauge (from its own cache where fresh) and returns one report per gauge,
     * in registration order. A gauge's value is its result's {@code value} detail; a failed
     * gauge is an {@code error} result with the reason. Never throws.
     */
    public List<CheckReport> evaluateGauges() {
        return collect(gauges);
    }

    /**
     * Runs every check and every gauge at the same time (each from its cache where fresh), so
     * detailed health waits for the longest single timeout, not the sum. Never throws.
     */
    public DetailedReport evaluateDetailed() {
        List<CompletableFuture<HealthResult>> checkRuns = start(checks);
        List<CompletableFuture<HealthResult>> gaugeRuns = start(gauges);
        long deadline = deadline();
        return new DetailedReport(HealthReport.of(collect(checks, checkRuns, deadline)), collect(gauges, gaugeRuns, deadline));
    }

    private List<CheckReport> collect(List<CheckSlot> slots) {
        return collect(slots, start(slots), deadline());
    }

    private List<CompletableFuture<HealthResult>> start(List<CheckSlot> slots) {
        List<CompletableFuture<HealthResult>> futures = new ArrayList<>(slots.size());
        for (CheckSlot slot : slots) {
            futures.add(closed
                    ? CompletableFuture.completedFuture(HealthResult.error("not run: the health registry is closed"))
                    : slot.result(executor, timer, this::queueChange));
        }
        return futures;
    }

    // Each run completes within its own timeout; the deadline only guards against a timer that
    // stopped (the registry was closed while a caller waited).
    private long deadline() {
        return System.nanoTime() + longestTimeout.plus(WAIT_MARGIN).toNanos();
    }

    private static List<CheckReport> collect(List<CheckSlot> slots, List<CompletableFuture<HealthResult>> futures, long deadline) {
        List<CheckReport> reports = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            CheckSlot slot = slots.get(i);
            reports.add(new CheckReport(slot.name(), slot.critical(), await(futures.get(i), slot, deadline)));
        }
        return reports;
    }

    private static HealthResult await(CompletableFuture<HealthResult> future, CheckSlot slot, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return HealthResult.error("timed out after " + Texts.duration(slot.timeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.error("not awaited: the calling thread was interrupted");
        } catch (ExecutionException e) {
            return HealthResult.error(Texts.reason(e.getCause()));
        }
    }

    private void queueChange(String check, Optional<HealthStatus> previous, HealthResult result) {
        try {
            notifier.execute(() -> notifyListeners(check, previous, result));
        } catch (RejectedExecutionException e) {
            if (!closed) {
                LOGGER.warn("Health listeners are {} changes behind; dropped the change of check {} to {}",
                        MAX_PENDING_CHANGES, check, result.status().jsonName());
            }
        }
    }

    private void notifyListeners(String check, Optional<HealthStatus> previous, HealthResult result) {
        if (result.status() == HealthStatus.OK) {
            LOGGER.info("Health check {} is ok{}", check, previous.map(status -> " again, was " + status.jsonName()).orElse(""));
        } else {
            LOGGER.warn("Health check {} is {}: {}", check, result.status().jsonName(), result.message().orElse("no message"));
        }
        StatusChange change = new StatusChange(check, previous, result.status(), result);
        for (HealthListener listener : listeners) {
            try {
                listener.statusChanged(change);
            } catch (RuntimeException | LinkageError e) {
                LOGGER.warn("Health listener {} failed on the change of check {}; other listeners still run", listener, check, e);
            }
        }
    }

    /**
     * Stops the health threads: waits up to the close timeout for running checks, then interrupts
     * them, and completes any evaluation still waiting with an error. Idempotent. Restores the
     * interrupt flag if the caller is interrupted while waiting.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        timer.shutdown();
        notifier.shutdown();
        try {
            if (!executor.awaitTermination(closeTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                LOGGER.warn("Health checks still running {} after close; interrupting them", Texts.duration(closeTimeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
            timer.shutdownNow();
            notifier.shutdownNow();
            checks.forEach(slot -> slot.abort("not run: the health registry is closed"));
            gauges.forEach(slot -> slot.abort("not run: the health registry is closed"));
        }
    }

    private static HealthCheck gaugeCheck(String name, Callable<?> value) {
        return HealthCheck.of(name, () -> {
            Object observed = value.call();
            if (observed == null) {
                return HealthResult.error("the gauge returned no value");
            }
            return HealthResult.builder(HealthStatus.OK).detail("value", observed).build();
        });
    }

    private record Registration(HealthCheck check, CheckOptions options) {
    }

    /** Builds a {@link HealthRegistry}. Not thread-safe. */
    public static final class Builder {
        private final List<Registration> registrations = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private final Map<String, Callable<?>> gauges = new LinkedHashMap<>();
        private final List<HealthListener> listeners = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(2);
        private Duration cacheTtl = Duration.ofSeconds(1);
        private Duration gaugeTimeout = Duration.ofSeconds(10);
        private Duration gaugeCacheTtl = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofSeconds(1);
        private int threads;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /**
         * Registers a critical check in the {@link #READINESS} group with the default timeout.
         *
         * @throws IllegalArgumentException if a check of the same name is already registered
         */
        public Builder register(HealthCheck check) {
            return register(check, CheckOptions.defaults());
        }

        /**
         * Registers a check with its own options.
         *
         * @throws IllegalArgumentException if a check or gauge of the same name is already registered
         */
        public Builder register(HealthCheck check, CheckOptions options) {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(options, "options");
            String name = Arguments.name(Objects.requireNonNull(check.name(), "check.name()"));
            requireNewName(name);
            registrations.add(new Registration(check, options));
            return this;
        }

        /**
         * Registers a gauge for detailed health, such as a row count. It runs only through
         * {@link HealthRegistry#evaluateGauges()}, bounded by {@link #gaugeTimeout(Duration)} and
         * cached for {@link #gaugeCacheTtl(Duration)}. The value should be a number, string,
         * boolean, or a list or map of those.
         *
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder gauge(String name, Callable<?> value) {
            Objects.requireNonNull(value, "value");
            requireNewName(Arguments.name(name));
            gauges.put(name, value);
            return this;
        }

        /** Adds a listener of status changes; see {@link HealthListener} for the thread it runs on. */
        public Builder listener(HealthListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the default bound on one check's run; a check that takes longer is reported as
         * {@code timed out after ...} and interrupted. Default: 2 s. Range: 1 ms to 1 h.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Arguments.timeout(timeout, "timeout");
            return this;
        }

        /**
         * Sets how long a check's result, success or failure, is reused before the check runs
         * again. Default: 1 s. Range: zero (no cache; concurrent callers still share a run in
         * flight) to 1 h.
         */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = ttl(ttl, "cacheTtl");
            return this;
        }

        /** Sets the bound on one gauge's evaluation. Default: 10 s. Range: 1 ms to 1 h. */
        public Builder gaugeTimeout(Duration timeout) {
            this.gaugeTimeout = Arguments.timeout(timeout, "gaugeTimeout");
            return this;
        }

        /**
         * Sets how long a gauge's value is reused, since gauges are often expensive queries.
         * Default: 30 s. Range: zero to 1 h.
         */
        public Builder gaugeCacheTtl(Duration ttl) {
            this.gaugeCacheTtl = ttl(ttl, "gaugeCacheTtl");
            return this;
        }

        /**
         * Sets the number of health threads. Default: one per check and gauge, at most 32. Range:
         * 1 to 1024. Fewer threads than checks makes some checks wait for others, and the wait
         * counts against their timeout.
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("Invalid threads: " + threads + "; it must lie between 1 and 1024");
            }
            this.threads = threads;
            return this;
        }

        /** Sets how long {@link HealthRegistry#close()} waits for running checks. Default: 1 s. Range: 1 ms to 1 h. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Arguments.timeout(timeout, "closeTimeout");
            return this;
        }

        // Tests drive cache expiry with a fake clock.
        Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the registry and its threads; close it when done. */
        public HealthRegistry build() {
            return new HealthRegistry(this);
        }

        private void requireNewName(String name) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("Duplicate health check or gauge name: \"" + name
                        + "\"; give each check and gauge its own name");
            }
        }

        private static Duration ttl(Duration ttl, String what) {
            Objects.requireNonNull(ttl, what);
            if (ttl.isNegative() || ttl.compareTo(Arguments.MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("Invalid " + what + ": " + ttl + "; it must lie between 0 and 1 h");
            }
            return ttl;
        }
    }
}
