package fr.pareto.errors.alerting;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertSink;
import fr.pareto.alerting.Severity;
import fr.pareto.errors.ErrorContext;
import fr.pareto.errors.ErrorGroup;
import fr.pareto.errors.ErrorListener;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Sends new groups, regressions and spikes as alerts through pareto-alerting, for example to
 * Discord or email.
 *
 * <pre>{@code
 * ErrorTracker tracker = ErrorTracker.builder()
 *         .listener(AlertingErrorListener.builder(alertSink).source("api").build())
 *         .build();
 * }</pre>
 *
 * <p>Each alert carries the error line (secrets already redacted), the start of the stack trace,
 * the fingerprint, the count, and the method and path when the context has them. Its
 * deduplication key is {@code pareto-errors|<kind>|<fingerprint>}, so the alerting engine
 * collapses repeats of one notification. Immutable and thread-safe.
 *
 * <p>This class needs {@code fr.pareto:pareto-alerting} at run time. Check with
 * {@link AlertingSupport#isAvailable()} before touching it where that module may be missing.
 */
public final class AlertingErrorListener implements ErrorListener {

    private static final int MAX_STACK_TRACE = 1500;

    private final AlertSink sink;
    private final String source;
    private final boolean newGroups;
    private final boolean regressions;
    private final boolean spikes;

    private AlertingErrorListener(Builder builder) {
        this.sink = builder.sink;
        this.source = builder.source;
        this.newGroups = builder.newGroups;
        this.regressions = builder.regressions;
        this.spikes = builder.spikes;
    }

    /** Returns a listener with default settings. Same as {@code builder(sink).build()}. */
    public static AlertingErrorListener of(AlertSink sink) {
        return builder(sink).build();
    }

    /**
     * Starts a builder.
     *
     * @throws IllegalStateException if pareto-alerting is not on the class path or module path
     * @throws NullPointerException if sink is null
     */
    public static Builder builder(AlertSink sink) {
        AlertingSupport.requireAvailable();
        return new Builder(Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public void onNewGroup(ErrorGroup group) {
        if (newGroups) {
            sink.send(alert("New error", Severity.ERROR, group, "new").build());
        }
    }

    @Override
    public void onRegression(ErrorGroup group, Duration quietFor) {
        if (regressions) {
            sink.send(alert("Error is back", Severity.ERROR, group, "regression")
                    .field("Quiet for", format(quietFor)).build());
        }
    }

    @Override
    public void onSpike(ErrorGroup group, long occurrences, Duration window) {
        if (spikes) {
            sink.send(alert("Error spike", Severity.CRITICAL, group, "spike")
                    .field("Occurrences in window", occurrences + " in " + format(window)).build());
        }
    }

    private Alert.Builder alert(String what, Severity severity, ErrorGroup group, String kind) {
        String stackTrace = group.lastSample().stackTrace();
        if (stackTrace.length() > MAX_STACK_TRACE) {
            stackTrace = stackTrace.substring(0, MAX_STACK_TRACE) + "\n...";
        }
        Alert.Builder builder = Alert.builder(what + ": " + simpleName(group.type()))
                .severity(severity)
                .description(group.lastSample().error() + "\n\n" + stackTrace)
                .field("Fingerprint", group.fingerprint())
                .field("Count", Long.toString(group.count()))
                .source(source)
                .timestamp(group.lastSeen())
                .deduplicationKey("pareto-errors|" + kind + "|" + group.fingerprint());
        Map<String, String> context = group.lastSample().context();
        String method = context.get(ErrorContext.METHOD);
        String path = context.get(ErrorContext.PATH);
        if (path != null) {
            builder.field("Request", method == null ? path : method + " " + path);
        }
        return builder;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }

    /** Builds an {@link AlertingErrorListener}. Not thread-safe. */
    public static final class Builder {
        private final AlertSink sink;
        private String source = "pareto-errors";
        private boolean newGroups = true;
        private boolean regressions = true;
        private boolean spikes = true;

        private Builder(AlertSink sink) {
            this.sink = sink;
        }

        /** Sets the alert source, such as the service name. Default: {@code pareto-errors}. */
        public Builder source(String source) {
            Objects.requireNonNull(source, "source");
            if (source.isBlank()) {
                throw new IllegalArgumentException("Alert source must not be blank; give the service name, such as \"api\"");
            }
            this.source = source;
            return this;
        }

        /** Sets which notifications become alerts. Default: all three. */
        public Builder notify(boolean newGroups, boolean regressions, boolean spikes) {
            this.newGroups = newGroups;
            this.regressions = regressions;
            this.spikes = spikes;
            return this;
        }

        /** Builds the listener. */
        public AlertingErrorListener build() {
            return new AlertingErrorListener(this);
        }
    }
}
