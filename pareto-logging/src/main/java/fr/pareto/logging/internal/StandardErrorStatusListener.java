package fr.pareto.logging.internal;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import java.io.PrintStream;

/**
 * Prints Logback's warning and error status messages to standard error, one line each.
 *
 * <p>Without any status listener, Logback (1.5.18, in {@code LogbackServiceProvider}) prints
 * every status message of its start-up to standard output as soon as one is a warning or an
 * error, which breaks a stream of one JSON object per line. Registering this listener turns that
 * off, keeps standard output for log events only, and still shows the problems. Thread-safe.
 */
public final class StandardErrorStatusListener implements StatusListener {

    private final PrintStream out;

    private StandardErrorStatusListener(PrintStream out) {
        this.out = out;
    }

    /**
     * Registers a listener on {@code context} printing to {@code System.err}, and prints the
     * warnings and errors the context already has.
     */
    public static void register(Context context) {
        StandardErrorStatusListener listener = new StandardErrorStatusListener(System.err);
        StatusManager statuses = context.getStatusManager();
        for (Status status : statuses.getCopyOfStatusList()) {
            listener.addStatusEvent(status);
        }
        statuses.add(listener);
    }

    @Override
    public void addStatusEvent(Status status) {
        if (status.getLevel() < Status.WARN) {
            return;
        }
        StringBuilder line = new StringBuilder("logback ").append(status.getLevel() == Status.WARN ? "WARN" : "ERROR")
                .append(": ").append(status.getMessage());
        Throwable error = status.getThrowable();
        if (error != null) {
            line.append(" (").append(Values.summary(error)).append(')');
        }
        out.println(line);
    }
}
