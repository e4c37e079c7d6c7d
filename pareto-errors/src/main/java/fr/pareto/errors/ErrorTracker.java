package fr.pareto.errors;

import fr.pareto.errors.internal.CaptureDeduplicator;
import fr.pareto.errors.internal.CaptureGuard;
import fr.pareto.errors.internal.Fingerprinter;
import fr.pareto.errors.internal.FrameNormalizer;
import fr.pareto.errors.internal.GroupStore;
import fr.pareto.errors.internal.Notifier;
import fr.pareto.errors.internal.Scrubber;
import fr.pareto.errors.internal.StackTraceRenderer;
import fr.pareto.errors.internal.TrackingExecutorService;
import fr.pareto.errors.internal.TrackingScheduledExecutorService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Captures exceptions, groups them by fingerprint, logs one structured event per occurrence and
 * notifies listeners of new groups, regressions and spikes.
 *
 * <pre>{@code
 * ErrorTracker tracker = ErrorTracker.builder()
 *         .applicationPackages("com.acme")
 *         .listener(AlertingErrorListener.of(alertSink))
 *         .build();
 * try {
 *     work();
 * } catch (RuntimeException e) {
 *     tracker.capture(e, ErrorContext.of("job", "nightly-import"));
 * }
 * }</pre>
 *
 * <p>Each recorded occurrence writes one SLF4J event at ERROR to the logger
 * {@code fr.pareto.errors.ErrorTracker}, with the message {@code error tracked} and the key-value
 * pairs {@code error}, {@code stack_trace}, {@code error_fingerprint}, {@code error_count} and the
 * scrubbed context. The throwable itself is not attached to the event, so the logging backend
 * does not write the stack trace twice.
 *
 * <p>{@link #capture(Throwable, ErrorContext)} never throws (except a {@link VirtualMachineError}
 * met while recording, rethrown after it is counted), does its work on the calling thread
 * without waiting on listeners, and ignores calls made from inside the tracker itself. The
 * logging call runs on the calling thread like any log call, so a backend that blocks blocks
 * the caller too: configure an asynchronous appender where that matters.
 *
 * <p>Thread-safe. Lifecycle: {@link Builder#build() built} ready to use, with a daemon notifier thread
 * when it has listeners; {@link #close()} delivers queued notifications within the shutdown
 * timeout. A shutdown hook does the same at JVM exit unless {@link Builder#flushOnExit(boolean)}
 * turned it off. Captures after close are still recorded and logged, but listeners are not notified.
 */
public final class ErrorTracker implements AutoCloseable {

    /** Name of the logger that receives the {@code error tracked} events and the tracker's own warnings. */
    public static final String LOGGER_NAME = "fr.pareto.errors.ErrorTracker";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Map<String, ErrorTracker> REGISTRY = new ConcurrentHashMap<>();
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_CONTEXT_ENTRIES = 64;
    private static final int MAX_CONTEXT_VALUE_LENGTH = 1024;
    /** Keys the event writes itself; a context entry with one of these names is logged as {@code context_<name>}. */
    private static final Set<String> EVENT_KEYS = Set.of("error", "stack_trace", "error_fingerprint", "error_count");

    private final String name;
    private final Clock clock;
    private final Duration shutdownTimeout;
    private final Scrubber scrubber;
    private final Fingerprinter fingerprinter;
    private final StackTraceRenderer renderer;
    private final CaptureDeduplicator deduplicator;
    private final GroupStore store;
    private final Notifier notifier;
    private final Thread shutdownHook;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong internalFailures = new AtomicLong();
    private final AtomicLong lastInternalWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private volatile boolean closed;

    private ErrorTracker(Builder builder) {
        this.name = builder.name;
        this.clock = builder.clock;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.scrubber = new Scrubber(builder.secretNames);
        FrameNormalizer normalizer = new FrameNormalizer(builder.applicationPackages);
        this.fingerprinter = new Fingerprinter(normalizer, builder.includeMessage, builder.maxChainDepth,
                builder.fingerprintFrames, builder.fallbackFrames);
        this.renderer = new StackTraceRenderer(scrubber, builder.maxFrames, builder.maxChainDepth,
                builder.maxStackTraceLength);
        this.deduplicator = new CaptureDeduplicator(builder.deduplicationCapacity,
                builder.deduplicationWindow.toMillis(), builder.maxChainDepth);
        this.store = new GroupStore(builder.maxGroups, builder.regressionAfter, builder.spikeThreshold,
                builder.spikeWindow);
        this.notifier = new Notifier(name, builder.listeners, builder.notificationQueueCapacity, builder.spikeWindow);
        if (builder.flushOnExit) {
            this.shutdownHook = new Thread(() -> notifier.close(shutdownTimeout), "pareto-errors-shutdown-" + name);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
        REGISTRY.put(name, this);
    }

    /** Starts a builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the open tracker most recently built under this name, as the Logback appender
     * finds it.
     *
     * @throws NullPointerException if name is null
     */
    public static Optional<ErrorTracker> named(String name) {
        return Optional.ofNullable(REGISTRY.get(Objects.requireNonNull(name, "name")));
    }

    /** Returns the tracker's name, {@code default} unless set. */
    public String name() {
        return name;
    }

    /** Captures a throwable with no context. Same as {@code capture(throwable, ErrorContext.empty())}. */
    public void capture(Throwable throwable) {
        capture(throwable, ErrorContext.empty());
    }

    /**
     * Records an occurrence of the throwable, logs it, and queues the notable changes for the
     * listeners.
     *
     * <p>Nothing is recorded when the throwable is null, when the call comes from inside the
     * tracker (a listener, or an appender that receives the tracker's own event), or when the same
     * throwable, one of its causes or suppressed exceptions, or a throwable that it is a cause of,
     * was captured within the deduplication window. The interrupt flag is left as it was found.
     *
     * @param throwable the failure; null is ignored
     * @param context what was going on; null counts as empty. Secrets in it are redacted.
     * @throws VirtualMachineError only when one is raised while recording (out of memory, for
     *     example); it is counted first
     */
    public void capture(Throwable throwable, ErrorContext context) {
        if (throwable == null || !CaptureGuard.enter()) {
            return;
        }
        boolean interrupted = Thread.currentThread().isInterrupted();
        try {
            record(throwable, context == null ? ErrorContext.empty() : context);
        } catch (VirtualMachineError e) {
            internalFailures.incrementAndGet();
            throw e;
        } catch (Throwable e) {
            reportInternalFailure(throwable, e);
        } finally {
            CaptureGuard.exit();
            if (interrupted && !Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void record(Throwable throwable, ErrorContext context) {
        Instant now = clock.instant();
        if (deduplicator.isDuplicate(throwable, now.toEpochMilli())) {
            duplicates.incrementAndGet();
            return;
        }
        String fingerprint = fingerprinter.fingerprint(throwable);
        Map<String, String> logged = scrubber.scrub(context.values(), MAX_CONTEXT_ENTRIES, MAX_CONTEXT_VALUE_LENGTH);
        String summary = renderer.summary(throwable);
        ErrorSample sample = new ErrorSample(now, Thread.currentThread().getName(), summary,
                renderer.render(throwable, summary), withMdc(logged));
        GroupStore.Outcome outcome = store.record(fingerprint, throwable.getClass().getName(), sample);
        recorded.incrementAndGet();

        // Queued before logging, so that a failing logging backend does not silence the listeners.
        if (outcome.notable() && !closed) {
            notifier.offer(outcome);
        }

        LoggingEventBuilder event = LOG.atError()
                .setMessage("error tracked")
                .addKeyValue("error", sample.error())
                .addKeyValue("stack_trace", sample.stackTrace())
                .addKeyValue("error_fingerprint", fingerprint)
                .addKeyValue("error_count", outcome.group().count());
        for (Map.Entry<String, String> entry : logged.entrySet()) {
            String key = entry.getKey();
            event.addKeyValue(EVENT_KEYS.contains(key) ? "context_" + key : key, entry.getValue());
        }
        event.log();
    }

    /** Adds the MDC entries (request ids set by a logging filter, for example) that the context does not already hold. */
    private Map<String, String> withMdc(Map<String, String> context) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc == null || mdc.isEmpty()) {
            return context;
        }
        Map<String, String> merged = new LinkedHashMap<>(context);
        scrubber.scrub(mdc, MAX_CONTEXT_ENTRIES, MAX_CONTEXT_VALUE_LENGTH).forEach(merged::putIfAbsent);
        return merged;
    }

    private void reportInternalFailure(Throwable captured, Throwable failure) {
        long total = internalFailures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastInternalWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastInternalWarning.compareAndSet(last, now)) {
            try {
                LOG.atWarn().setMessage("Error tracker {}: failed to record a {} ({} internal failures so far)")
                        .addArgument(name).addArgument(captured.getClass().getName()).addArgument(total)
                        .setCause(new ScrubbedFailure(renderer.summary(failure), failure.getStackTrace())).log();
            } catch (RuntimeException | LinkageError ignored) {
                // The logging backend failed too; the failure is still counted in stats().
            }
        }
    }

    /**
     * Copy of a tracker failure for the tracker's own warning: the same frames, with the type
     * and message scrubbed, because the message may contain a secret named only in the
     * tracker's settings.
     */
    private static final class ScrubbedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrubbedFailure(String summary, StackTraceElement[] frames) {
            super(summary, null, false, true);
            setStackTrace(frames);
        }
    }

    /** Returns up to {@code limit} groups, highest count first. */
    public List<ErrorGroup> mostFrequent(int limit) {
        return store.mostFrequent(checkLimit(limit));
    }

    /** Returns up to {@code limit} groups, most recently seen first. */
    public List<ErrorGroup> mostRecent(int limit) {
        return store.mostRecent(checkLimit(limit));
    }

    /** Returns every group held, highest count first. */
    public List<ErrorGroup> groups() {
        return store.mostFrequent(Integer.MAX_VALUE);
    }

    /**
     * Returns the group with this fingerprint, if held.
     *
     * @throws NullPointerException if fingerprint is null
     */
    public Optional<ErrorGroup> group(String fingerprint) {
        return store.group(Objects.requireNonNull(fingerprint, "fingerprint"));
    }

    /** Returns the fingerprint this tracker gives a throwable, without recording anything. */
    public String fingerprint(Throwable throwable) {
        return fingerprinter.fingerprint(Objects.requireNonNull(throwable, "throwable"));
    }

    /** Returns the counters, read without a common lock, so they may be a few operations apart. */
    public ErrorTrackerStats stats() {
        return new ErrorTrackerStats(recorded.get(), duplicates.get(), store.size(), store.evicted(),
                notifier.dropped(), notifier.failures(), internalFailures.get());
    }

    /** Returns a task that captures what the given task throws and then rethrows it unchanged. */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                capture(e);
                throw e;
            }
        };
    }

    /** Returns a task that captures what the given task throws and then rethrows it unchanged. */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                return task.call();
            } catch (Throwable e) {
                capture(e);
                throw e;
            }
        };
    }

    /** Returns an executor whose tasks are wrapped by {@link #wrap(Runnable)}. */
    public Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return command -> executor.execute(wrap(Objects.requireNonNull(command, "command")));
    }

    /**
     * Returns an executor service whose tasks capture what they throw, including tasks given to
     * {@code submit}, whose {@link java.util.concurrent.Future} would otherwise hold the
     * exception until someone calls {@code get}. Shutting down the returned service shuts down
     * the given one.
     */
    public ExecutorService wrap(ExecutorService executor) {
        return new TrackingExecutorService(Objects.requireNonNull(executor, "executor"), this::wrap, this::wrap);
    }

    /** Returns a scheduled executor service whose tasks, one-shot and periodic, capture what they throw. */
    public ScheduledExecutorService wrap(ScheduledExecutorService executor) {
        return new TrackingScheduledExecutorService(Objects.requireNonNull(executor, "executor"), this::wrap,
                this::wrap);
    }

    /**
     * Captures the exception that completes the future, if any, unwrapping
     * {@link CompletionException} and {@link ExecutionException}. Returns the same future.
     */
    public <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        Objects.requireNonNull(future, "future");
        future.whenComplete((value, failure) -> {
            if (failure == null) {
                return;
            }
            Throwable cause = failure;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            capture(cause);
        });
        return future;
    }

    /**
     * Installs this tracker as the JVM's default uncaught-exception handler, chained to the one
     * installed before. Close the returned handle to put the previous handler back.
     *
     * @throws IllegalStateException if a tracker's handler is already the default handler
     */
    public UncaughtExceptionTracking installUncaughtExceptionHandler() {
        return UncaughtExceptionTracking.install(this);
    }

    /**
     * Delivers queued notifications for at most the shutdown timeout, stops the notifier thread
     * and removes the shutdown hook. Idempotent. Counts undelivered notifications as dropped.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        REGISTRY.remove(name, this);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; it flushes with the same bound.
            }
        }
        notifier.close(shutdownTimeout);
    }

    @Override
    public String toString() {
        return "ErrorTracker[" + name + ", " + store.size() + " groups]";
    }

    private static int checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Invalid limit " + limit + ": give 1 or more groups");
        }
        return limit;
    }

    /**
     * Builds an {@link ErrorTracker}. Not thread-safe; each setter checks its argument at once.
     */
    public static final class Builder {
        private static final Pattern PACKAGE = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

        private String name = "default";
        private final List<String> applicationPackages = new ArrayList<>();
        private final List<String> secretNames = new ArrayList<>();
        private final List<ErrorListener> listeners = new ArrayList<>();
        private boolean includeMessage;
        private Clock clock = Clock.systemUTC();
        private int maxGroups = 1000;
        private int maxChainDepth = 10;
        private int maxFrames = 50;
        private int maxStackTraceLength = 16_384;
        private int fingerprintFrames = 20;
        private int fallbackFrames = 5;
        private int deduplicationCapacity = 1024;
        private Duration deduplicationWindow = Duration.ofMinutes(1);
        private Duration regressionAfter = Duration.ofHours(1);
        private long spikeThreshold = 100;
        private Duration spikeWindow = Duration.ofMinutes(1);
        private int notificationQueueCapacity = 1000;
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private boolean flushOnExit = true;

        private Builder() {
        }

        /**
         * Sets the name under which the Logback appender finds this tracker, and which the
         * notifier thread and warnings carry. Default: {@code default}.
         *
         * @throws IllegalArgumentException if name is blank
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("Error tracker name must not be blank; leave it unset for \"default\"");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds packages whose classes are the application's own, such as {@code com.acme}: the
         * fingerprint uses their frames and skips the others. Default: none, and then every class
         * outside well-known library packages (JDK, Jakarta, Spring, Jetty, Apache, Netty,
         * Jackson, Logback and others) counts as the application's.
         *
         * @throws IllegalArgumentException if a name is not a Java package name
         */
        public Builder applicationPackages(String... packages) {
            Objects.requireNonNull(packages, "packages");
            for (String name : packages) {
                Objects.requireNonNull(name, "package");
                if (!PACKAGE.matcher(name).matches()) {
                    throw new IllegalArgumentException("Invalid application package \"" + name
                            + "\": give a Java package name such as com.acme, without a trailing dot or wildcard");
                }
                applicationPackages.add(name);
            }
            return this;
        }

        /**
         * Adds names of context keys, headers and query parameters to redact, on top of the
         * built-in ones. Built in: any name containing password, passwd, passphrase, secret,
         * token, api key, access key, authorization, cookie, session, signature, credential or
         * private key, and the exact names auth, sig, key, pwd, pass, jwt, sid, otp, csrf and
         * xsrf (also with an {@code X-} prefix). Matching ignores case, {@code -}, {@code _} and
         * {@code .}, and an added name matches any name that contains it.
         *
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder secretNames(String... names) {
            Objects.requireNonNull(names, "names");
            for (String name : names) {
                Objects.requireNonNull(name, "secret name");
                if (name.isBlank()) {
                    throw new IllegalArgumentException("Secret name must not be blank");
                }
                secretNames.add(name);
            }
            return this;
        }

        /**
         * Sets whether the message is part of the fingerprint. Default: false, so ids inside
         * messages do not split groups. When true, digits in messages are still masked.
         */
        public Builder includeMessage(boolean includeMessage) {
            this.includeMessage = includeMessage;
            return this;
        }

        /** Adds a listener; listeners are called in the order they were added. */
        public Builder listener(ErrorListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Sets the clock for first-seen, last-seen, regression and spike times. Default: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how many groups are held. When a new group comes in at the limit, the group seen
         * least recently is evicted and counted. Default: 1000. Range: 1 to 100,000.
         */
        public Builder maxGroups(int maxGroups) {
            this.maxGroups = checkRange("maxGroups", maxGroups, 1, 100_000);
            return this;
        }

        /**
         * Sets how deep the cause chain is followed by the fingerprint, the stack trace and
         * deduplication; suppressed exceptions count as one level deeper. Default: 10. Range: 1 to 100.
         */
        public Builder maxChainDepth(int maxChainDepth) {
            this.maxChainDepth = checkRange("maxChainDepth", maxChainDepth, 1, 100);
            return this;
        }

        /** Sets how many frames of each throwable the stack trace shows. Default: 50. Range: 1 to 10,000. */
        public Builder maxFrames(int maxFrames) {
            this.maxFrames = checkRange("maxFrames", maxFrames, 1, 10_000);
            return this;
        }

        /**
         * Sets the maximum length of the stack trace, in characters; a longer one is cut and
         * marked {@code [truncated]}. Default: 16,384. Range: 256 to 1,048,576.
         */
        public Builder maxStackTraceLength(int maxStackTraceLength) {
            this.maxStackTraceLength = checkRange("maxStackTraceLength", maxStackTraceLength, 256, 1_048_576);
            return this;
        }

        /**
         * Sets how many in-app frames of each throwable the fingerprint uses, and how many top
         * frames stand in when a throwable has no in-app frame. Defaults: 20 and 5. Range: 1 to 1000 each.
         */
        public Builder fingerprintFrames(int inAppFrames, int fallbackFrames) {
            this.fingerprintFrames = checkRange("inAppFrames", inAppFrames, 1, 1000);
            this.fallbackFrames = checkRange("fallbackFrames", fallbackFrames, 1, 1000);
            return this;
        }

        /**
         * Sets how long, and for how many throwables, captures are remembered to recognise the
         * same failure reported twice. Defaults: 1 minute and 1024 throwables. Ranges: 1 ms to
         * 1 hour, 16 to 1,000,000.
         */
        public Builder deduplication(Duration window, int capacity) {
            this.deduplicationWindow = checkDuration("deduplication window", window, Duration.ofMillis(1), Duration.ofHours(1));
            this.deduplicationCapacity = checkRange("deduplication capacity", capacity, 16, 1_000_000);
            return this;
        }

        /**
         * Sets the quiet time after which a group seen again is a regression. Default: 1 hour.
         * Range: 1 ms to 365 days.
         */
        public Builder regressionAfter(Duration quietTime) {
            this.regressionAfter = checkDuration("regressionAfter", quietTime, Duration.ofMillis(1), Duration.ofDays(365));
            return this;
        }

        /**
         * Sets when a group spikes: more than {@code threshold} occurrences within one window.
         * Windows are fixed and start at a group's first occurrence after the previous window
         * ended. Defaults: 100 in 1 minute. Ranges: 1 to 1,000,000,000; 1 ms to 1 day.
         */
        public Builder spike(long threshold, Duration window) {
            if (threshold < 1 || threshold > 1_000_000_000L) {
                throw new IllegalArgumentException("Invalid spike threshold " + threshold + ": give 1 to 1,000,000,000 occurrences");
            }
            this.spikeThreshold = threshold;
            this.spikeWindow = checkDuration("spike window", window, Duration.ofMillis(1), Duration.ofDays(1));
            return this;
        }

        /**
         * Sets how many notifications wait for the listeners; more are dropped and counted.
         * Default: 1000. Range: 1 to 1,000,000.
         */
        public Builder notificationQueueCapacity(int capacity) {
            this.notificationQueueCapacity = checkRange("notificationQueueCapacity", capacity, 1, 1_000_000);
            return this;
        }

        /**
         * Sets how long {@link ErrorTracker#close()} and the shutdown hook wait for queued
         * notifications. Default: 5 seconds. Range: 1 ms to 10 minutes.
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = checkDuration("shutdownTimeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(10));
            return this;
        }

        /** Sets whether a shutdown hook delivers queued notifications at JVM exit. Default: true. */
        public Builder flushOnExit(boolean flushOnExit) {
            this.flushOnExit = flushOnExit;
            return this;
        }

        /** Builds the tracker, starts its notifier thread when it has listeners, and registers it under its name. */
        public ErrorTracker build() {
            return new ErrorTracker(this);
        }

        private static int checkRange(String setting, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("Invalid " + setting + " " + value + ": give " + min + " to " + max);
            }
            return value;
        }

        private static Duration checkDuration(String setting, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, setting);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("Invalid " + setting + " " + value + ": give " + min + " to " + max);
            }
            return value;
        }
    }
}
