package fr.pareto.benchmarks.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import fr.pareto.errors.ErrorTracker;
import fr.pareto.logging.ParetoJsonEncoder;
import io.sentry.Hint;
import io.sentry.Sentry;
import io.sentry.SentryEnvelope;
import io.sentry.SentryOptions;
import io.sentry.transport.ITransport;
import io.sentry.transport.NoOpTransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;
import java.io.OutputStream;
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
import org.slf4j.LoggerFactory;

/**
 * Cost of reporting one new exception with a 50-frame stack, four ways, in one run:
 *
 * <ul>
 *   <li>{@code trackerCapture}: {@link ErrorTracker#capture(Throwable)}, which deduplicates,
 *       fingerprints, groups and writes one {@code error tracked} JSON line through
 *       pareto-logging's {@link ParetoJsonEncoder} to a null output stream;
 *   <li>{@code plainLogError}: {@code log.error("order lookup failed", e)} through the same
 *       encoder and null stream, what a team writes without an error tracker;
 *   <li>{@code sentryCaptureException}: the Sentry Java SDK's {@code Sentry.captureException(e)}
 *       with its no-op transport, so its cost is building and processing the event only;
 *   <li>{@code sentryCaptureAndSerialize}: the same with a transport that serializes each envelope
 *       to a null output stream and sends nothing, the work Sentry's HTTP transport does on its
 *       own thread, and the counterpart of writing the JSON line in the other two.
 * </ul>
 *
 * Every operation reports a new exception instance, so no library can skip it as a duplicate.
 * The {@code DistinctStacks} variants give each exception one of 4,096 stacks in turn, so that no
 * cache of recent stacks helps. {@code trackerCaptureLoggerOff} leaves out the JSON line. Run with
 * {@code -prof gc} for bytes per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ErrorCaptureBenchmark {

    private static final String MESSAGE = "order 1234 not found";

    private ErrorTracker tracker;
    private Logger plainLogger;

    @Setup
    public void setUp() {
        open(OutputStream.nullOutputStream());
    }

    /**
     * Prints the lines the two logging paths write, to check that they carry the same error:
     * {@code java -cp benchmarks/target/benchmarks.jar fr.pareto.benchmarks.errors.ErrorCaptureBenchmark}.
     */
    public static void main(String[] args) {
        ErrorCaptureBenchmark benchmark = new ErrorCaptureBenchmark();
        benchmark.open(System.out);
        benchmark.trackerCapture();
        benchmark.plainLogError();
        benchmark.tearDown();
    }

    private void open(OutputStream out) {
        // The tracker logs through SLF4J's global factory, so both paths share that Logback context.
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("null");
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        plainLogger = context.getLogger("bench.errors.plain");

        tracker = ErrorTracker.builder().name("benchmark").applicationPackages(FiftyFrameException.APPLICATION_PACKAGE)
                .flushOnExit(false).build();
    }

    @TearDown
    public void tearDown() {
        tracker.close();
    }

    /** Sentry with its no-op transport. JMH forks a JVM per benchmark, so the two Sentry states never meet. */
    @State(Scope.Benchmark)
    public static class NoOpSentry {
        @Setup
        public void setUp() {
            initSentry(NoOpTransport.getInstance());
        }

        @TearDown
        public void tearDown() {
            Sentry.close();
        }
    }

    /** Sentry with a transport that serializes every envelope to a null output stream. */
    @State(Scope.Benchmark)
    public static class SerializingSentry {
        @Setup
        public void setUp() {
            initSentry(null);
        }

        @TearDown
        public void tearDown() {
            Sentry.close();
        }
    }

    /** Initialises the global Sentry SDK with the given transport, or a serializing one when null. */
    static void initSentry(ITransport transport) {
        Sentry.init(options -> {
            // Loopback placeholder: neither transport opens a connection.
            options.setDsn("http://public@127.0.0.1:9/1");
            options.setTransportFactory((sentryOptions, requestDetails) ->
                    transport != null ? transport : new SerializingTransport(sentryOptions));
            options.addInAppInclude(FiftyFrameException.APPLICATION_PACKAGE);
            options.setEnableUncaughtExceptionHandler(false);
            options.setEnableShutdownHook(false);
            options.setEnableAutoSessionTracking(false);
            options.setSendClientReports(false);
            options.setDebug(false);
        });
    }

    /** Serializes each envelope as Sentry's HTTP transport would, then drops the bytes. */
    private static final class SerializingTransport implements ITransport {
        private final SentryOptions options;

        SerializingTransport(SentryOptions options) {
            this.options = options;
        }

        @Override
        public void send(SentryEnvelope envelope, Hint hint) throws IOException {
            try {
                options.getSerializer().serialize(envelope, OutputStream.nullOutputStream());
            } catch (Exception e) {
                throw new IOException("Sentry failed to serialize the envelope", e);
            }
        }

        @Override
        public void flush(long timeoutMillis) {
        }

        @Override
        public RateLimiter getRateLimiter() {
            return null;
        }

        @Override
        public void close(boolean isRestarting) {
        }

        @Override
        public void close() {
        }
    }

    /** Stacks that repeat only after more captures than any cache of recent stacks keeps. */
    @State(Scope.Benchmark)
    public static class DistinctStacks {
        final StackTraceElement[][] stacks = FiftyFrameException.distinctStacks(4096);
        int next;

        FiftyFrameException nextException() {
            next = (next + 1) & (stacks.length - 1);
            return new FiftyFrameException(MESSAGE, stacks[next]);
        }
    }

    /** Turns the tracker's own logger off, leaving the cost of deduplication, fingerprint and grouping. */
    @State(Scope.Benchmark)
    public static class TrackerLoggerOff {
        @Setup
        public void setUp(ErrorCaptureBenchmark benchmark) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(ErrorTracker.LOGGER_NAME).setLevel(Level.OFF);
        }
    }

    @Benchmark
    public void trackerCapture() {
        tracker.capture(new FiftyFrameException(MESSAGE));
    }

    @Benchmark
    public void trackerCaptureDistinctStacks(DistinctStacks stacks) {
        tracker.capture(stacks.nextException());
    }

    @Benchmark
    public void trackerCaptureLoggerOff(TrackerLoggerOff off) {
        tracker.capture(new FiftyFrameException(MESSAGE));
    }

    @Benchmark
    public void plainLogError() {
        plainLogger.error("order lookup failed", new FiftyFrameException(MESSAGE));
    }

    @Benchmark
    public void plainLogErrorDistinctStacks(DistinctStacks stacks) {
        plainLogger.error("order lookup failed", stacks.nextException());
    }

    @Benchmark
    public Object sentryCaptureException(NoOpSentry sentry) {
        return Sentry.captureException(new FiftyFrameException(MESSAGE));
    }

    @Benchmark
    public Object sentryCaptureAndSerialize(SerializingSentry sentry) {
        return Sentry.captureException(new FiftyFrameException(MESSAGE));
    }
}
