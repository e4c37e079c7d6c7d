package fr.pareto.benchmarks.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import fr.pareto.logging.ApiEvents;
import fr.pareto.logging.ParetoJsonEncoder;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.plugins.util.PluginManager;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.MapMessage;
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
 * Cost of one {@code request handled} event (module, method, path, status, duration_ms) written
 * as a JSON line to a null output stream, three ways:
 *
 * <ul>
 *   <li>{@code paretoHelper}: {@link ApiEvents#requestHandled} through {@link ParetoJsonEncoder};
 *   <li>{@code paretoFluent}: SLF4J's fluent API with key-value pairs through the same encoder,
 *       to separate the helper's cost from the encoder's;
 *   <li>{@code logstashRaw}: plain SLF4J with logstash {@code StructuredArguments.kv} through the
 *       stock {@code LogstashEncoder}, what a team writes without this library;
 *   <li>{@code log4j2JsonTemplate}: Log4j 2 with a {@code MapMessage} through
 *       {@code JsonTemplateLayout}, the peer a team would pick instead.
 * </ul>
 *
 * The {@code ...LevelOff} variants log at INFO to a logger set to WARN: the cost a disabled event
 * leaves on the hot path. Run with {@code -prof gc} for bytes per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestEventBenchmark {

    private static final String METHOD = "GET";
    private static final String PATH = "/api/products";
    private static final int STATUS = 200;
    private static final Duration DURATION = Duration.ofNanos(12_345_678);
    private static final double DURATION_MS = 12.346;

    /** Log4j 2 template with the same top-level fields as Pareto's schema. */
    private static final String LOG4J2_TEMPLATE = """
            {
              "time": {"$resolver": "timestamp", "pattern": {"format": "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "timeZone": "UTC"}},
              "level": {"$resolver": "level", "field": "name"},
              "logger": {"$resolver": "logger", "field": "name"},
              "thread": {"$resolver": "thread", "field": "name"},
              "fields": {"$resolver": "map", "flatten": true},
              "error": {"$resolver": "exception", "field": "message"}
            }
            """;

    private LoggerContext paretoContext;
    private LoggerContext logstashContext;
    private org.apache.logging.log4j.core.LoggerContext log4jContext;

    private ApiEvents paretoEvents;
    private ApiEvents paretoEventsOff;
    private Logger paretoLogger;
    private Logger logstashLogger;
    private Logger logstashLoggerOff;
    private org.apache.logging.log4j.Logger log4jLogger;
    private org.apache.logging.log4j.Logger log4jLoggerOff;

    @Setup
    public void setUp() {
        open(OutputStream.nullOutputStream());
    }

    /**
     * Prints the line each path writes, to check that they carry the same fields:
     * {@code java -cp benchmarks/target/benchmarks.jar fr.pareto.benchmarks.logging.RequestEventBenchmark}.
     */
    public static void main(String[] args) {
        RequestEventBenchmark benchmark = new RequestEventBenchmark();
        benchmark.open(System.out);
        benchmark.paretoHelper();
        benchmark.paretoFluent();
        benchmark.logstashRaw();
        benchmark.log4j2JsonTemplate();
        benchmark.tearDown();
    }

    private void open(OutputStream out) {
        paretoContext = new LoggerContext();
        paretoContext.setMDCAdapter(new LogbackMDCAdapter());
        ParetoJsonEncoder paretoEncoder = new ParetoJsonEncoder();
        paretoEncoder.setContext(paretoContext);
        paretoEncoder.start();
        paretoLogger = logbackLogger(paretoContext, paretoEncoder, out, "bench.pareto", Level.INFO);
        paretoEvents = ApiEvents.of(paretoLogger);
        paretoEventsOff = ApiEvents.of(logbackLogger(paretoContext, paretoEncoder, out, "bench.pareto.off", Level.WARN));

        logstashContext = new LoggerContext();
        logstashContext.setMDCAdapter(new LogbackMDCAdapter());
        LogstashEncoder logstashEncoder = new LogstashEncoder();
        logstashEncoder.setContext(logstashContext);
        logstashEncoder.start();
        logstashLogger = logbackLogger(logstashContext, logstashEncoder, out, "bench.logstash", Level.INFO);
        logstashLoggerOff = logbackLogger(logstashContext, logstashEncoder, out, "bench.logstash.off", Level.WARN);

        // The shaded jar keeps one Log4j2Plugins.dat, log4j-core's, which lacks the template layout's
        // resolvers and converters; scanning its package registers them at run time instead.
        PluginManager.addPackage("org.apache.logging.log4j.layout.template.json");
        log4jContext = new org.apache.logging.log4j.core.LoggerContext("bench");
        Configuration configuration = new DefaultConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(configuration)
                .setEventTemplate(LOG4J2_TEMPLATE)
                .build();
        org.apache.logging.log4j.core.appender.OutputStreamAppender appender =
                org.apache.logging.log4j.core.appender.OutputStreamAppender.newBuilder()
                        .setName("null")
                        .setLayout(layout)
                        .setTarget(out)
                        .build();
        appender.start();
        configuration.addAppender(appender);
        addLog4jLogger(configuration, appender, "bench.log4j", org.apache.logging.log4j.Level.INFO);
        addLog4jLogger(configuration, appender, "bench.log4j.off", org.apache.logging.log4j.Level.WARN);
        log4jContext.start(configuration);
        log4jLogger = log4jContext.getLogger("bench.log4j");
        log4jLoggerOff = log4jContext.getLogger("bench.log4j.off");
    }

    @TearDown
    public void tearDown() {
        paretoContext.stop();
        logstashContext.stop();
        log4jContext.stop();
    }

    private static Logger logbackLogger(LoggerContext context, Encoder<ILoggingEvent> encoder, OutputStream out,
            String name, Level level) {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger(name);
        logger.setLevel(level);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return logger;
    }

    private static void addLog4jLogger(Configuration configuration,
            org.apache.logging.log4j.core.Appender appender, String name, org.apache.logging.log4j.Level level) {
        LoggerConfig logger = new LoggerConfig(name, level, false);
        logger.addAppender(appender, null, null);
        configuration.addLogger(name, logger);
    }

    @Benchmark
    public void paretoHelper() {
        paretoEvents.requestHandled(METHOD, PATH, STATUS, DURATION);
    }

    @Benchmark
    public void paretoFluent() {
        paretoLogger.atInfo()
                .addKeyValue("module", "api")
                .addKeyValue("method", METHOD)
                .addKeyValue("path", PATH)
                .addKeyValue("status", STATUS)
                .addKeyValue("duration_ms", DURATION_MS)
                .log("request handled");
    }

    @Benchmark
    public void logstashRaw() {
        logstashLogger.info("request handled", kv("module", "api"), kv("method", METHOD), kv("path", PATH),
                kv("status", STATUS), kv("duration_ms", DURATION_MS));
    }

    @Benchmark
    public void log4j2JsonTemplate() {
        log4jLogger.info(new MapMessage<>()
                .with("message", "request handled")
                .with("module", "api")
                .with("method", METHOD)
                .with("path", PATH)
                .with("status", STATUS)
                .with("duration_ms", DURATION_MS));
    }

    @Benchmark
    public void paretoHelperLevelOff() {
        paretoEventsOff.requestHandled(METHOD, PATH, STATUS, DURATION);
    }

    @Benchmark
    public void logstashRawLevelOff() {
        logstashLoggerOff.info("request handled", kv("module", "api"), kv("method", METHOD), kv("path", PATH),
                kv("status", STATUS), kv("duration_ms", DURATION_MS));
    }

    @Benchmark
    public void log4j2JsonTemplateLevelOff() {
        log4jLoggerOff.info(new MapMessage<>()
                .with("message", "request handled")
                .with("module", "api")
                .with("method", METHOD)
                .with("path", PATH)
                .with("status", STATUS)
                .with("duration_ms", DURATION_MS));
    }
}
