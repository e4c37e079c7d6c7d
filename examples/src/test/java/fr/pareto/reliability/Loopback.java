package fr.pareto.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import mockwebserver3.MockWebServer;

/** Loopback addresses and ports for the suite's servers. */
final class Loopback {

    private Loopback() {
    }

    /** Returns a port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a MockWebServer on 127.0.0.1 answered by the given stand-in. */
    static MockWebServer start(FakeDiscord discord) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(discord);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** Returns the webhook URL of the stand-in, with the canary webhook token. */
    static String webhook(MockWebServer server) {
        return "http://127.0.0.1:" + server.getPort() + "/api/webhooks/424242/" + Canaries.WEBHOOK_TOKEN;
    }
}
