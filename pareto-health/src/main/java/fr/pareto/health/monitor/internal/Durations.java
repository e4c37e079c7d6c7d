package fr.pareto.health.monitor.internal;

import java.time.Duration;

/** Formats durations for people: {@code 350 ms}, {@code 2.5 s}, {@code 4 min 10 s}, {@code 3 h 5 min}, {@code 2 d 1 h}. */
public final class Durations {

    private Durations() {
    }

    /** Returns the duration in its two largest units, or in milliseconds below one second. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000 && millis % 1000 != 0) {
            return (millis / 100) / 10.0 + " s";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return twoUnits(seconds / 60, "min", seconds % 60, "s");
        }
        if (seconds < 86_400) {
            return twoUnits(seconds / 3600, "h", seconds % 3600 / 60, "min");
        }
        return twoUnits(seconds / 86_400, "d", seconds % 86_400 / 3600, "h");
    }

    private static String twoUnits(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
