package fr.pareto.errors.internal;

/**
 * Marks the threads that are inside the tracker, so that anything the tracker itself logs or
 * triggers while capturing (an appender, a listener) never captures again.
 */
public final class CaptureGuard {

    private static final ThreadLocal<boolean[]> ACTIVE = ThreadLocal.withInitial(() -> new boolean[1]);

    private CaptureGuard() {
    }

    /** Marks the current thread as inside the tracker; returns false if it already was. */
    public static boolean enter() {
        boolean[] flag = ACTIVE.get();
        if (flag[0]) {
            return false;
        }
        flag[0] = true;
        return true;
    }

    /** Clears the mark set by a successful {@link #enter()}. */
    public static void exit() {
        ACTIVE.get()[0] = false;
    }

    /** Returns whether the current thread is inside the tracker. */
    public static boolean isActive() {
        return ACTIVE.get()[0];
    }

    /** Marks a thread that belongs to the tracker for its whole life. */
    static void enterForever() {
        ACTIVE.get()[0] = true;
    }
}
