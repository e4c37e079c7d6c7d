package fr.pareto.alerting.internal;

/** What the workers of a dispatcher need to know about its shutdown. */
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
