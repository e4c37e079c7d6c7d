package fr.pareto.errors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * Sends HTTP/1.1 requests over a plain socket, so tests control the exact letter case of header
 * names, which HTTP clients normalise.
 */
public final class RawHttp {

    /** A response as received; {@code status} is -1 when the server closed the connection before a status line. */
    public record Response(int status, String head, String body) {
    }

    private RawHttp() {
    }

    /**
     * Sends {@code GET target} with the given header lines (such as {@code "cookie: a=b"}) and
     * {@code Connection: close}, then reads until the server closes the connection.
     */
    public static Response get(int port, String target, String... headerLines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = readAll(socket.getInputStream());
            int split = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || split < 0) {
                return new Response(-1, text, "");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            return new Response(status, text.substring(0, split), decodeChunked(text.substring(0, split), text.substring(split + 4)));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // The server aborted the connection; keep what arrived.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String decodeChunked(String head, String body) {
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (position < body.length()) {
            int lineEnd = body.indexOf("\r\n", position);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(position, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            int end = Math.min(body.length(), lineEnd + 2 + size);
            out.append(body, lineEnd + 2, end);
            position = end + 2;
        }
        return out.toString();
    }
}
