package fr.pareto.health.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The few RESP2 pieces a Redis health check needs. Not part of the API. */
public final class Resp {

    /** Longest reply line read; Redis replies to these commands in a few dozen bytes. */
    private static final int MAX_LINE = 64 * 1024;

    /** One reply: its RESP type character and its text (error text without the leading {@code -}). */
    public record Reply(char type, String text) {

        /** Returns whether Redis replied with an error. */
        public boolean isError() {
            return type == '-';
        }
    }

    private Resp() {
    }

    /** Writes a command as a RESP array of bulk strings, so arguments may contain any byte. */
    public static byte[] command(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + arguments.length + "\r\n");
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            write(out, "$" + bytes.length + "\r\n");
            out.writeBytes(bytes);
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /** Sends a command and flushes it. */
    public static void send(OutputStream out, String... arguments) throws IOException {
        out.write(command(arguments));
        out.flush();
    }

    /**
     * Reads one reply. Simple strings, errors and integers return their line; bulk strings
     * their content; arrays are returned as type {@code *} with the element count as text, and
     * their elements are not read (no command sent here returns an array).
     */
    public static Reply read(InputStream in) throws IOException {
        int type = in.read();
        if (type == -1) {
            throw new EOFException("Redis closed the connection");
        }
        String line = readLine(in);
        if (type == '$') {
            int length = parseLength(line);
            if (length < 0) {
                return new Reply('$', "");
            }
            byte[] content = in.readNBytes(length);
            readLine(in);
            return new Reply('$', new String(content, StandardCharsets.UTF_8));
        }
        if (type != '+' && type != '-' && type != ':' && type != '*') {
            throw new IOException("not a RESP reply (first byte " + type + "); is this port a Redis server?");
        }
        return new Reply((char) type, line);
    }

    private static int parseLength(String line) throws IOException {
        try {
            int length = Integer.parseInt(line);
            if (length > MAX_LINE) {
                throw new IOException("bulk reply of " + length + " bytes is longer than the " + MAX_LINE + " bytes allowed");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("invalid bulk length in RESP reply: " + line, e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next == -1) {
                throw new EOFException("Redis closed the connection in the middle of a reply");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("RESP reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(next);
            previous = next;
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
