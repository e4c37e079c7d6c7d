package fr.pareto.alerting.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server that accepts connections and never sends a byte: an SMTP server that stalls. */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        Thread thread = new Thread(() -> {
            while (!serverSocket.isClosed()) {
                try {
                    accepted.add(serverSocket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Returns how many connections were accepted. */
    public int connections() {
        return accepted.size();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
