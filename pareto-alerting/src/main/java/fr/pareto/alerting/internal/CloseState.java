package fr.pareto.alerting.internal;

/** The shutdown state of a dispatcher, read by its workers. */
public final class CloseState {

    private volatile boolean closing;
    private volatile long deadlineNanos;

    /** Tells the workers to finish the queue and stop, at the latest by the deadline. */
    public void beginClosing(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.closing = true;
    }

    /** Returns whether close() has started. */
    public boolean closing() {
        return closing;
    }

    /** Returns whether a wait of the given length would end after the close deadline. */
    public boolean waitPassesDeadline(long waitNanos) {
        return closing && System.nanoTime() + waitNanos - deadlineNanos > 0;
    }
}
