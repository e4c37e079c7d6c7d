package fr.pareto.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import fr.pareto.logging.ParetoAsyncAppender;
import fr.pareto.logging.ParetoConsoleEncoder;
import fr.pareto.logging.ParetoJsonEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Logback's zero-configuration entry point, found through {@code ServiceLoader}: when the
 * application has no Logback configuration file, it sends every event to standard output as
 * JSON (or the console format), at the level the environment sets.
 *
 * <p>Logback runs service configurators before looking for {@code logback-test.xml} and
 * {@code logback.xml}, so this one steps aside when such a file, or the
 * {@code logback.configurationFile} system property, exists.
 *
 * <p>Settings are read from system properties first, then environment variables of the same name:
 * {@code PARETO_LOG_FORMAT} ({@code json}, {@code console}), {@code PARETO_LOG_LEVEL}
 * ({@code trace} ... {@code error}, {@code off}; default {@code info}), {@code PARETO_LOG_PROFILE},
 * {@code PARETO_LOG_TIME_FORMAT}, {@code PARETO_LOG_MAX_LINE_BYTES},
 * {@code PARETO_LOG_MASKED_NAMES}, {@code PARETO_LOG_ASYNC} ({@code off}, {@code block},
 * {@code drop}) and {@code PARETO_LOG_COLOR}. An invalid value is reported as a WARN event
 * naming the value, the valid ones and the default used instead, and as a Logback warning status.
 *
 * <p>Standard output carries log events only: Logback's warning and error status messages go to
 * standard error, one line each, instead of the whole status list Logback would otherwise print
 * to standard output. When the level is {@code error} or {@code off}, the WARN event is filtered
 * out and standard error is the only report.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class ZeroConfigConfigurator extends ContextAwareBase implements Configurator {

    /** Name of the appender this configurator attaches to the root logger. */
    public static final String APPENDER_NAME = "PARETO_STDOUT";

    private static final String[] CONFIG_FILES = {"logback-test.xml", "logback.xml"};

    /** Creates the configurator; Logback calls this through {@code ServiceLoader}. */
    public ZeroConfigConfigurator() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String userFile = userConfiguration();
        if (userFile != null) {
            addInfo("Found " + userFile + ": leaving the configuration to it");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, ZeroConfigConfigurator::setting);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Returns the setting from the system property of that name, else the environment variable. */
    static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    private String userConfiguration() {
        String property = System.getProperty("logback.configurationFile");
        if (property != null && !property.isBlank()) {
            return "logback.configurationFile=" + property;
        }
        ClassLoader loader = ZeroConfigConfigurator.class.getClassLoader();
        for (String file : CONFIG_FILES) {
            if (loader != null && loader.getResource(file) != null) {
                return file;
            }
        }
        return null;
    }

    /**
     * Configures {@code context} from {@code settings} (a lookup by variable name returning
     * {@code null} when unset): one appender on standard output on the root logger.
     */
    public void configure(LoggerContext context, UnaryOperator<String> settings) {
        setContext(context);
        // Before the first warning: Logback prints its status messages to standard output unless
        // the context has a status listener.
        StandardErrorStatusListener.register(context);
        List<String> problems = new ArrayList<>();

        Level level = parseLevel(settings.apply("PARETO_LOG_LEVEL"), problems);
        boolean console = parseChoice(settings, "PARETO_LOG_FORMAT", List.of("json", "console"), problems)
                .equals("console");
        String async = parseChoice(settings, "PARETO_LOG_ASYNC", List.of("off", "block", "drop"), problems);

        Encoder<ILoggingEvent> encoder = console ? consoleEncoder(context, settings, problems)
                : jsonEncoder(context, settings, problems);
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName(APPENDER_NAME);
        stdout.setEncoder(encoder);
        stdout.start();

        Appender<ILoggingEvent> root = stdout;
        if (!async.equals("off")) {
            ParetoAsyncAppender asyncAppender = new ParetoAsyncAppender();
            asyncAppender.setContext(context);
            asyncAppender.setName(APPENDER_NAME + "_ASYNC");
            asyncAppender.setNeverBlock(async.equals("drop"));
            asyncAppender.addAppender(stdout);
            asyncAppender.start();
            root = asyncAppender;
        }
        Logger rootLogger = context.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLogger.setLevel(level);
        rootLogger.addAppender(root);

        Logger self = context.getLogger("fr.pareto.logging");
        for (String problem : problems) {
            addWarn(problem);
            self.warn(problem);
        }
    }

    private ParetoJsonEncoder jsonEncoder(LoggerContext context, UnaryOperator<String> settings, List<String> problems) {
        ParetoJsonEncoder encoder = new ParetoJsonEncoder();
        encoder.setContext(context);
        apply(settings, "PARETO_LOG_PROFILE", "default", encoder::setProfile, problems);
        apply(settings, "PARETO_LOG_TIME_FORMAT", "rfc3339", encoder::setTimeFormat, problems);
        apply(settings, "PARETO_LOG_MASKED_NAMES", "the built-in names only", encoder::setMaskedNames, problems);
        apply(settings, "PARETO_LOG_MAX_LINE_BYTES", String.valueOf(ParetoJsonEncoder.DEFAULT_MAX_LINE_BYTES),
                value -> encoder.setMaxLineBytes(parseInt(value)), problems);
        encoder.start();
        return encoder;
    }

    private ParetoConsoleEncoder consoleEncoder(LoggerContext context, UnaryOperator<String> settings,
            List<String> problems) {
        ParetoConsoleEncoder encoder = new ParetoConsoleEncoder();
        encoder.setContext(context);
        apply(settings, "PARETO_LOG_COLOR", "auto", encoder::setColor, problems);
        apply(settings, "PARETO_LOG_MASKED_NAMES", "the built-in names only", encoder::setMaskedNames, problems);
        encoder.start();
        return encoder;
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number of bytes", e);
        }
    }

    /**
     * Applies a set value through {@code setter}. A rejected value becomes a problem naming
     * {@code defaultValue}, which the encoder keeps.
     */
    private static void apply(UnaryOperator<String> settings, String name, String defaultValue,
            java.util.function.Consumer<String> setter, List<String> problems) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            problems.add("Invalid " + name + ": " + e.getMessage() + "; using " + defaultValue);
        }
    }

    private static String parseChoice(UnaryOperator<String> settings, String name, List<String> choices,
            List<String> problems) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            return choices.get(0);
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (choices.contains(normalized)) {
            return normalized;
        }
        problems.add("Invalid " + name + " '" + value + "': use " + String.join(", ", choices)
                + "; using " + choices.get(0));
        return choices.get(0);
    }

    private static Level parseLevel(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT);
        if (normalized.equals("WARNING")) {
            normalized = "WARN";
        }
        for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.OFF}) {
            if (level.levelStr.equals(normalized)) {
                return level;
            }
        }
        problems.add("Invalid PARETO_LOG_LEVEL '" + value + "': use trace, debug, info, warn, error or off;"
                + " using info");
        return Level.INFO;
    }
}
