package fr.pareto.alerting.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SMTP server for TLS tests, which GreenMail cannot run: it offers STARTTLS and refuses mail
 * before it (530), or speaks TLS from the first byte. It serves one connection at a time and
 * stores each message with whether it arrived encrypted.
 */
public final class TinySmtpServer implements AutoCloseable {

    /** One received message. */
    public record Received(String data, boolean encrypted, String authenticatedAs) {
    }

    private final ServerSocket serverSocket;
    private final SSLContext tls;
    private final boolean implicit;
    private final List<Received> received = new ArrayList<>();
    private final Thread thread;

    /**
     * @param implicit true for TLS from the first byte (port 465 style), false for STARTTLS required
     */
    public TinySmtpServer(boolean implicit) throws Exception {
        this.tls = TestTls.serverContext();
        this.implicit = implicit;
        this.serverSocket = implicit
                ? tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "tiny-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(10_000);
                session(socket);
            } catch (IOException e) {
                // Connection over or server closed; accept the next one.
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Socket socket = plain;
        boolean encrypted = implicit;
        String user = null;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        write(out, "220 tiny ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                write(out, "250-tiny" + (encrypted ? "" : "\r\n250-STARTTLS") + "\r\n250 AUTH PLAIN LOGIN");
            } else if (command.equals("STARTTLS")) {
                write(out, "220 ready to start TLS");
                SSLSocket secure = (SSLSocket) tls.getSocketFactory()
                        .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                secure.setUseClientMode(false);
                secure.startHandshake();
                socket = secure;
                encrypted = true;
                in = reader(socket);
                out = socket.getOutputStream();
            } else if (command.startsWith("AUTH PLAIN")) {
                String[] parts = line.split(" ");
                String token = parts.length > 2 ? parts[2] : readAfter(out, in, "334 ");
                user = new String(java.util.Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\0")[1];
                write(out, "235 2.7.0 authenticated");
            } else if (command.startsWith("AUTH LOGIN")) {
                user = new String(java.util.Base64.getDecoder().decode(readAfter(out, in, "334 VXNlcm5hbWU6")),
                        StandardCharsets.UTF_8);
                readAfter(out, in, "334 UGFzc3dvcmQ6");
                write(out, "235 2.7.0 authenticated");
            } else if (command.startsWith("MAIL FROM")) {
                write(out, encrypted ? "250 ok" : "530 5.7.0 Must issue a STARTTLS command first");
            } else if (command.startsWith("RCPT TO")) {
                write(out, "250 ok");
            } else if (command.equals("DATA")) {
                write(out, "354 end with .");
                StringBuilder data = new StringBuilder();
                for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                    data.append(body).append('\n');
                }
                synchronized (this) {
                    received.add(new Received(data.toString(), encrypted, user));
                }
                write(out, "250 ok queued");
            } else if (command.equals("QUIT")) {
                write(out, "221 bye");
                return;
            } else {
                write(out, "250 ok");
            }
        }
    }

    private static String readAfter(OutputStream out, BufferedReader in, String prompt) throws IOException {
        write(out, prompt);
        return in.readLine();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
