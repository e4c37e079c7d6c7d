package fr.pareto.errors.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a throwable, its causes and its suppressed exceptions as text in the layout of
 * {@link Throwable#printStackTrace()}, within bounds.
 *
 * <p>Bounds: at most {@code maxFrames} frames per throwable, {@code maxDepth} levels of nesting
 * (causes and suppressed exceptions count alike), {@code 4 * maxDepth} throwables in all, and
 * {@code maxLength} characters. A throwable met twice in one chain is written once and then as
 * {@code [CIRCULAR REFERENCE: ...]}, found by identity so that {@code equals} overrides cannot
 * hide a cycle. Messages go through the {@link Scrubber}.
 *
 * <p>Thread-safe.
 */
public final class StackTraceRenderer {

    private static final String TRUNCATED = "\n... [truncated]";

    private final Scrubber scrubber;
    private final int maxFrames;
    private final int maxDepth;
    private final int maxLength;
    private final FrameTextCache frameBlocks = new FrameTextCache(128);

    /** Creates a renderer with the given bounds, each at least 1 (length at least 64). */
    public StackTraceRenderer(Scrubber scrubber, int maxFrames, int maxDepth, int maxLength) {
        this.scrubber = scrubber;
        this.maxFrames = maxFrames;
        this.maxDepth = maxDepth;
        this.maxLength = maxLength;
    }

    /** Returns {@code ClassName: message} with the message scrubbed, or only the class name when there is no message. */
    public String summary(Throwable throwable) {
        String message = messageOf(throwable);
        String name = throwable.getClass().getName();
        return message == null ? name : name + ": " + Scrubber.truncate(scrubber.scrubText(message), maxLength / 4);
    }

    /** Returns the bounded stack trace of a throwable. */
    public String render(Throwable throwable) {
        return render(throwable, summary(throwable));
    }

    /** Returns the bounded stack trace of a throwable whose {@link #summary(Throwable)} is already known. */
    public String render(Throwable throwable, String summary) {
        if (throwable.getCause() == null && throwable.getSuppressed().length == 0) {
            // The common case, a throwable alone: its text is the header and one cached frame block.
            String header = summary == null ? summary(throwable) : summary;
            String text = frameBlocks.joined(header, throwable.getStackTrace(), this::frameBlock);
            return text.length() <= maxLength ? text : text.substring(0, cutAt(text)) + TRUNCATED;
        }
        State state = new State(new StringBuilder(Math.min(maxLength, 4096)));
        write(state, throwable, summary, null, "", "", 0);
        StringBuilder out = state.out;
        if (out.length() > maxLength) {
            out.setLength(cutAt(out));
            out.append(TRUNCATED);
        }
        return out.toString();
    }

    private static final class State {
        final StringBuilder out;
        final List<Throwable> seen = new ArrayList<>(4);
        int throwables;

        State(StringBuilder out) {
            this.out = out;
        }
    }

    private void write(State state, Throwable throwable, String summary, StackTraceElement[] enclosing, String caption,
                       String prefix, int depth) {
        StringBuilder out = state.out;
        if (containsIdentity(state.seen, throwable)) {
            out.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").append(summary(throwable)).append("]\n");
            return;
        }
        state.seen.add(throwable);
        state.throwables++;
        out.append(prefix).append(caption).append(summary == null ? summary(throwable) : summary).append('\n');

        StackTraceElement[] frames = throwable.getStackTrace();
        int unique = frames.length - framesInCommon(frames, enclosing);
        if (enclosing == null && prefix.isEmpty()) {
            out.append(frameBlocks.get(frames, this::frameBlock));
        } else {
            appendFrames(out, frames, unique, prefix);
        }
        if (unique < frames.length) {
            out.append(prefix).append("\t... ").append(frames.length - unique).append(" more\n");
        }
        if (out.length() > maxLength) {
            return;
        }

        for (Throwable suppressed : throwable.getSuppressed()) {
            if (!enter(state, depth, prefix)) {
                break;
            }
            write(state, suppressed, null, frames, "Suppressed: ", prefix + "\t", depth + 1);
        }
        Throwable cause = throwable.getCause();
        if (cause != null && enter(state, depth, prefix)) {
            write(state, cause, null, frames, "Caused by: ", prefix, depth + 1);
        }
    }

    private void appendFrames(StringBuilder out, StackTraceElement[] frames, int unique, String prefix) {
        int shown = Math.min(unique, maxFrames);
        for (int i = 0; i < shown; i++) {
            out.append(prefix).append("\tat ");
            appendFrame(out, frames[i]);
            out.append('\n');
        }
        if (shown < unique) {
            out.append(prefix).append("\t... ").append(unique - shown).append(" frames omitted\n");
        }
    }

    /** Returns the frame lines of a top-level throwable, which a failure that repeats renders the same way each time. */
    private String frameBlock(StackTraceElement[] frames) {
        StringBuilder block = new StringBuilder(frames.length * 80);
        appendFrames(block, frames, frames.length, "");
        return block.toString();
    }

    /** Returns whether one more nested throwable fits in the bounds, and writes a mark when it does not. */
    private boolean enter(State state, int depth, String prefix) {
        if (state.out.length() > maxLength) {
            return false;
        }
        if (depth + 1 >= maxDepth || state.throwables >= 4 * maxDepth) {
            state.out.append(prefix).append("[exception chain truncated]\n");
            return false;
        }
        return true;
    }

    /** Linear on purpose: a rendering visits at most {@code 4 * maxDepth} throwables. */
    private static boolean containsIdentity(List<Throwable> seen, Throwable candidate) {
        for (Throwable member : seen) {
            if (member == candidate) {
                return true;
            }
        }
        return false;
    }

    private static int framesInCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        if (enclosing == null) {
            return 0;
        }
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        int common = 0;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
            common++;
        }
        return common;
    }

    /** Writes a frame as {@code class.method(File.java:12)}, without the module and class loader that {@code toString()} adds. */
    static void appendFrame(StringBuilder out, StackTraceElement frame) {
        out.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        String file = frame.getFileName();
        if (frame.isNativeMethod()) {
            out.append("Native Method");
        } else if (file == null) {
            out.append("Unknown Source");
        } else {
            out.append(file);
            if (frame.getLineNumber() >= 0) {
                out.append(':').append(frame.getLineNumber());
            }
        }
        out.append(')');
    }

    /**
     * Returns the throwable's message, or a placeholder naming the exception that
     * {@link Throwable#getMessage()} threw: an override that fails must not stop the capture.
     */
    public static String messageOf(Throwable throwable) {
        try {
            return throwable.getMessage();
        } catch (RuntimeException e) {
            return "(getMessage() failed: " + e.getClass().getName() + ")";
        }
    }

    /** Returns where to cut a text longer than the bound so that the marker fits, never inside a surrogate pair. */
    private int cutAt(CharSequence text) {
        int end = maxLength - TRUNCATED.length();
        return Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }
}
