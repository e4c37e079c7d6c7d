package fr.pareto.logging.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Format of the event time. */
public enum TimeFormat {

    /** RFC 3339 in UTC with milliseconds, {@code "2026-12-04T19:23:07.123Z"} (a string). */
    RFC3339,
    /** Whole seconds since the Unix epoch, {@code 1796498587} (a number), as zerolog's {@code TimeFormatUnix}. */
    UNIX_SECONDS,
    /** Milliseconds since the Unix epoch, {@code 1796498587123} (a number). */
    UNIX_MILLIS;

    private static final ThreadLocal<Rfc3339Buffer> BUFFERS = ThreadLocal.withInitial(Rfc3339Buffer::new);

    /**
     * Parses a setting value such as {@code rfc3339}, {@code unix_seconds} or {@code unix_millis},
     * ignoring case and accepting {@code -} for {@code _}.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static TimeFormat parse(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (TimeFormat format : values()) {
            if (format.name().equals(normalized)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Invalid time format '" + value
                + "': use rfc3339 (the default), unix_seconds or unix_millis");
    }

    /** Writes {@code epochMillis} as the value of the current field. */
    void write(JsonGenerator generator, long epochMillis) throws IOException {
        switch (this) {
            case UNIX_SECONDS -> generator.writeNumber(Math.floorDiv(epochMillis, 1000L));
            case UNIX_MILLIS -> generator.writeNumber(epochMillis);
            default -> {
                Rfc3339Buffer buffer = BUFFERS.get();
                if (buffer.fill(epochMillis)) {
                    generator.writeString(buffer.chars, 0, buffer.chars.length);
                } else {
                    generator.writeString(Instant.ofEpochMilli(epochMillis).toString());
                }
            }
        }
    }

    /** Formats {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, reformatting the date part once per second. */
    private static final class Rfc3339Buffer {
        final char[] chars = new char[24];
        long second = Long.MIN_VALUE;

        /** Returns false for years outside 0000-9999, which this fixed layout cannot hold. */
        boolean fill(long epochMillis) {
            long epochSecond = Math.floorDiv(epochMillis, 1000L);
            if (epochSecond != second) {
                LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
                if (time.getYear() < 0 || time.getYear() > 9999) {
                    return false;
                }
                digits(time.getYear(), 0, 4);
                chars[4] = '-';
                digits(time.getMonthValue(), 5, 2);
                chars[7] = '-';
                digits(time.getDayOfMonth(), 8, 2);
                chars[10] = 'T';
                digits(time.getHour(), 11, 2);
                chars[13] = ':';
                digits(time.getMinute(), 14, 2);
                chars[16] = ':';
                digits(time.getSecond(), 17, 2);
                chars[19] = '.';
                chars[23] = 'Z';
                second = epochSecond;
            }
            digits((int) Math.floorMod(epochMillis, 1000L), 20, 3);
            return true;
        }

        private void digits(int value, int offset, int width) {
            for (int i = offset + width - 1; i >= offset; i--) {
                chars[i] = (char) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
