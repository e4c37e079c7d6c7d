package fr.pareto.alerting.internal;

/**
 * Text helpers that count in Unicode code points, as Discord's limits do, so a cut never splits
 * a surrogate pair.
 */
public final class Texts {

    /** The marker appended where the end of a text was cut. */
    public static final String END_MARKER = "… [truncated]";

    private static final String SHORT_MARKER = "…";

    private Texts() {
    }

    /** Returns the length of the text in code points. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Cuts the end of a text so that it has at most {@code limit} code points, the marker
     * included. Texts within the limit are returned unchanged.
     *
     * @param marker what replaces the cut part; a single ellipsis is used when the limit is too
     *     small for it
     */
    public static String cutEnd(String text, int limit, String marker) {
        int length = length(text);
        if (length <= limit) {
            return text;
        }
        String usedMarker = length(marker) * 2 <= limit ? marker : SHORT_MARKER;
        int keep = Math.max(0, limit - length(usedMarker));
        return prefix(text, keep) + (limit >= length(usedMarker) ? usedMarker : "");
    }

    /** Cuts the end of a text to {@code limit} code points with {@link #END_MARKER}. */
    public static String cutEnd(String text, int limit) {
        return cutEnd(text, limit, END_MARKER);
    }

    /**
     * Cuts the middle of a text so that it has at most {@code limit} code points and both its
     * start and its end survive: the root cause of a wrapped exception is at the end. The marker
     * gives the number of code points removed.
     */
    public static String cutMiddle(String text, int limit) {
        int length = length(text);
        if (length <= limit) {
            return text;
        }
        // The marker's length depends on the number it contains, so plan with the widest number,
        // the whole text's length: the result may end a few code points under the limit.
        int markerLength = length(middleMarker(length));
        if (markerLength * 2 > limit) {
            return cutEnd(text, limit, SHORT_MARKER);
        }
        int keep = limit - markerLength;
        int head = (keep + 1) / 2;
        int tail = keep - head;
        return prefix(text, head) + middleMarker(length - keep) + suffix(text, tail);
    }

    /**
     * Neutralises {@code @everyone} and {@code @here} by putting a zero-width space after the at
     * sign, so that they show as text and ping nobody even where mentions are allowed.
     */
    public static String neutraliseMassMentions(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        return text.replace("@everyone", "@\u200Beveryone").replace("@here", "@\u200Bhere");
    }

    /** Replaces CR, LF and every other control character with a space: for one-line headers. */
    public static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.toString();
    }

    private static String middleMarker(int removed) {
        return "\n… [" + removed + " characters cut] …\n";
    }

    private static String prefix(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private static String suffix(String text, int codePoints) {
        return text.substring(text.offsetByCodePoints(text.length(), -codePoints));
    }
}
