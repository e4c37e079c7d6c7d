package fr.pareto.health.monitor;

import fr.pareto.alerting.AlertSink;
import fr.pareto.health.monitor.internal.AlertingSupport;
import fr.pareto.health.monitor.internal.MonitorRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Runs a set of uptime monitors, keeps their history, and sends their notifications.
 *
 * <pre>{@code
 * MonitorService monitors = MonitorService.builder()
 *         .monitors(MonitorFile.read(Path.of("monitors.conf")))
 *         .alertSink(alertDelivery)            // pareto-alerting, e.g. to Discord
 *         .build();
 * monitors.start();
 * }</pre>
 *
 * <p>Lifecycle: {@link #start()} plans every monitor's first check for now; {@link #close()}
 * stops them. Thread-safe: {@link #pause}, {@link #resume}, {@link #addMaintenance} and
 * {@link #snapshots()} may be called from any thread, and snapshots never wait for a running
 * check or notifier.
 *
 * <p>Notifications go to every {@link MonitorNotifier} in order, and only when the
 * {@link AlertGate} lets this replica alert. See {@link Monitor} for when a monitor is DOWN and
 * {@link MonitorEvent} for the events of one incident.
 */
public final class MonitorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorService.class);

    /** Default number of heartbeats kept per monitor. */
    public static final int DEFAULT_HISTORY_SIZE = 100;

    private final Map<String, MonitorRunner> runners = new LinkedHashMap<>();
    private final List<MonitorNotifier> notifiers;
    private final AlertGate gate;
    private final MonitorScheduler scheduler;
    private final boolean ownsScheduler;
    private final List<MaintenanceWindow> maintenance;
    private boolean started;
    private boolean closed;

    private MonitorService(Builder builder) {
        List<MonitorNotifier> built = new ArrayList<>();
        builder.notifiers.forEach(factory -> built.add(factory.apply(builder.alertSource)));
        this.notifiers = List.copyOf(built);
        this.gate = builder.gate;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler ? MonitorScheduler.system() : builder.scheduler;
        this.maintenance = new CopyOnWriteArrayList<>(builder.maintenance);
        for (Monitor monitor : builder.monitors.values()) {
            runners.put(monitor.name(), new MonitorRunner(monitor, scheduler, builder.historySize,
                    time -> inMaintenance(monitor.name(), time), this::dispatch));
        }
    }

    /** Starts an empty configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** Plans every monitor's first check for now, except paused ones. Calling it again does nothing. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("MonitorService is closed; build a new one to monitor again");
        }
        if (started) {
            return;
        }
        started = true;
        runners.values().forEach(MonitorRunner::start);
        LOG.info("Monitoring {} targets: {}", runners.size(), runners.keySet());
    }

    /**
     * Pauses a monitor: no check runs and no notification is sent until {@link #resume(String)}.
     * An open incident is kept, so recovery after resuming is still notified.
     *
     * @throws IllegalArgumentException if no monitor has that name
     */
    public void pause(String monitor) {
        runner(monitor).pause();
    }

    /**
     * Resumes a paused monitor with a check now. Does nothing if it is not paused.
     *
     * @throws IllegalArgumentException if no monitor has that name
     */
    public void resume(String monitor) {
        runner(monitor).resume();
    }

    /**
     * Adds a maintenance window. It takes effect at the next planned check of each monitor it
     * covers; one-off windows that have ended are dropped.
     */
    public void addMaintenance(MaintenanceWindow window) {
        Objects.requireNonNull(window, "window");
        for (String name : window.monitors()) {
            runner(name);
        }
        Instant now = scheduler.clock().instant();
        maintenance.removeIf(existing -> existing.end().map(end -> !end.isAfter(now)).orElse(false));
        maintenance.add(window);
    }

    /** Returns the configured monitors, in the order they were added. */
    public List<Monitor> monitors() {
        List<Monitor> monitors = new ArrayList<>();
        runners.values().forEach(runner -> monitors.add(runner.monitor()));
        return monitors;
    }

    /** Returns every monitor's state now, in the order they were added. */
    public List<MonitorSnapshot> snapshots() {
        List<MonitorSnapshot> snapshots = new ArrayList<>(runners.size());
        runners.values().forEach(runner -> snapshots.add(runner.snapshot()));
        return snapshots;
    }

    /** Returns one monitor's state now, if a monitor has that name. */
    public Optional<MonitorSnapshot> snapshot(String monitor) {
        MonitorRunner runner = runners.get(monitor);
        return runner == null ? Optional.empty() : Optional.of(runner.snapshot());
    }

    /** Returns the clock the service measures time with: its scheduler's. */
    public Clock clock() {
        return scheduler.clock();
    }

    /**
     * Stops every monitor. Checks still running are interrupted only if the service created its
     * own scheduler, which it then closes. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runners.values().forEach(MonitorRunner::close);
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    private MonitorRunner runner(String monitor) {
        Objects.requireNonNull(monitor, "monitor");
        MonitorRunner runner = runners.get(monitor);
        if (runner == null) {
            throw new IllegalArgumentException("No monitor named \"" + monitor + "\"; the monitors are " + runners.keySet());
        }
        return runner;
    }

    private boolean inMaintenance(String monitor, Instant time) {
        for (MaintenanceWindow window : maintenance) {
            if (window.covers(monitor, time)) {
                return true;
            }
        }
        return false;
    }

    private void dispatch(List<MonitorEvent> events) {
        if (notifiers.isEmpty()) {
            return;
        }
        boolean allowed;
        try {
            allowed = gate.tryAcquire();
        } catch (RuntimeException e) {
            // A gate that cannot decide must not silence an outage: send, at worst twice.
            LOG.warn("Alert gate failed, sending the notification anyway: {}", e.toString());
            allowed = true;
        }
        for (MonitorEvent event : events) {
            if (!allowed) {
                LOG.info("Monitor {}: {} notification not sent, another replica holds the alerting role",
                        event.monitor(), event.type());
                continue;
            }
            for (MonitorNotifier notifier : notifiers) {
                try {
                    notifier.notify(event);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("Monitor {}: notifier {} failed on the {} notification; other notifiers still run",
                            event.monitor(), notifier.getClass().getName(), event.type(), e);
                }
            }
        }
    }

    /** Configures a {@link MonitorService}. Not thread-safe; each setter validates its argument at once. */
    public static final class Builder {
        private final Map<String, Monitor> monitors = new LinkedHashMap<>();
        // Each entry takes the alert source, known only at build time.
        private final List<Function<String, MonitorNotifier>> notifiers = new ArrayList<>();
        private final List<MaintenanceWindow> maintenance = new ArrayList<>();
        private AlertGate gate = AlertGate.ALWAYS;
        private MonitorScheduler scheduler;
        private int historySize = DEFAULT_HISTORY_SIZE;
        private String alertSource = "uptime monitor";

        private Builder() {
        }

        /**
         * Adds a monitor.
         *
         * @throws IllegalArgumentException if a monitor with the same name was already added
         */
        public Builder monitor(Monitor monitor) {
            Objects.requireNonNull(monitor, "monitor");
            if (monitors.containsKey(monitor.name())) {
                throw new IllegalArgumentException("Duplicate monitor name \"" + monitor.name()
                        + "\": each monitor needs its own name");
            }
            monitors.put(monitor.name(), monitor);
            return this;
        }

        /** Adds monitors, such as those of a {@link MonitorFile}. */
        public Builder monitors(List<Monitor> monitors) {
            Objects.requireNonNull(monitors, "monitors").forEach(this::monitor);
            return this;
        }

        /** Adds a notifier; notifiers are called in the order added. Default: none. */
        public Builder notifier(MonitorNotifier notifier) {
            Objects.requireNonNull(notifier, "notifier");
            notifiers.add(source -> notifier);
            return this;
        }

        /**
         * Sends notifications as pareto-alerting alerts: DOWN and "still down" in red
         * ({@code Severity.ERROR}) with the monitor, target, error and start of the outage; UP in
         * green ({@code Severity.RESOLVED}) with the outage's duration. Sets the alerts' source to
         * the {@linkplain #alertSource(String) alert source}.
         *
         * @throws IllegalStateException if pareto-alerting is not on the class path or module path
         */
        public Builder alertSink(AlertSink sink) {
            AlertingSupport.requireAvailable();
            Objects.requireNonNull(sink, "alertSink");
            notifiers.add(source -> AlertingSupport.notifier(sink, source));
            return this;
        }

        /** Sets the source named in alerts from {@link #alertSink}. Default: {@code uptime monitor}. */
        public Builder alertSource(String source) {
            Objects.requireNonNull(source, "alertSource");
            if (source.isBlank()) {
                throw new IllegalArgumentException("Alert source must not be blank; give a name such as \"uptime monitor\"");
            }
            this.alertSource = source;
            return this;
        }

        /** Sets the gate that lets one replica of many alert. Default: {@link AlertGate#ALWAYS}. */
        public Builder alertGate(AlertGate gate) {
            this.gate = Objects.requireNonNull(gate, "alertGate");
            return this;
        }

        /**
         * Sets the clock and threads. Default: {@link MonitorScheduler#system()}, closed with the
         * service. A scheduler passed here is not closed by the service.
         */
        public Builder scheduler(MonitorScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets how many heartbeats each monitor keeps for the status page and response times.
         * Uptime ratios do not depend on it. Default: {@value #DEFAULT_HISTORY_SIZE}.
         *
         * @throws IllegalArgumentException if size is under 1 or over 10,000
         */
        public Builder historySize(int size) {
            if (size < 1 || size > 10_000) {
                throw new IllegalArgumentException("Invalid history size " + size + ": keep from 1 to 10000 heartbeats per monitor");
            }
            this.historySize = size;
            return this;
        }

        /** Adds a maintenance window. Default: none. */
        public Builder maintenance(MaintenanceWindow window) {
            maintenance.add(Objects.requireNonNull(window, "window"));
            return this;
        }

        /**
         * Builds the service; nothing runs until {@link MonitorService#start()}.
         *
         * @throws IllegalArgumentException if a maintenance window names an unknown monitor
         */
        public MonitorService build() {
            for (MaintenanceWindow window : maintenance) {
                for (String name : window.monitors()) {
                    if (!monitors.containsKey(name)) {
                        throw new IllegalArgumentException("Maintenance window names unknown monitor \"" + name
                                + "\"; the monitors are " + monitors.keySet());
                    }
                }
            }
            return new MonitorService(this);
        }
    }
}
