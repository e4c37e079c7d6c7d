package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every recovery filter shares, run against each real server. A subclass starts a
 * server on loopback whose {@code /app/*} handler behaves by path:
 * {@code /app/ok} returns 200 {@code fine}; {@code /app/committed} sends a 200 status and some
 * bytes, then throws {@code IllegalStateException("failed after commit")}; {@code /app/io}
 * throws {@code IOException("Connection reset by peer")} before sending anything;
 * {@code /app/slow} calls {@link #awaitClientGone()}, then starts a 200 response and
 * {@link #writeUntilFailure(OutputStream) writes until the write fails}; every other path throws
 * {@code IllegalStateException("handler failed")}. {@code /errors} serves the errors endpoint
 * with {@link #TOKEN}.
 */
public abstract class RecoveryFilterContract {

    protected static final String TOKEN = "0123456789abcdef-token";

    private final CountDownLatch slowRequestStarted = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);

    /** Called by the {@code /app/slow} handler: waits until the test client has reset its connection. */
    protected void awaitClientGone() throws IOException {
        slowRequestStarted.countDown();
        try {
            if (!clientGone.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test client did not disconnect within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the client to go away");
        }
    }

    /** Called by the {@code /app/slow} handler: writes up to 64 MiB, far more than socket buffers hold. */
    protected static void writeUntilFailure(OutputStream out) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 1024; i++) {
            out.write(chunk);
            out.flush();
        }
        throw new IllegalStateException("64 MiB written to a client that was gone");
    }

    /** Returns the tracker the filter records into. */
    protected abstract ErrorTracker tracker();

    /** Returns the port of the running server. */
    protected abstract int port();

    @Test
    void failureIsRecordedAndAnsweredWithJson500() throws Exception {
        RawHttp.Response response = RawHttp.get(port(), "/app/orders?page=2", "X-Request-Id: req-42");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.head().toLowerCase()).contains("content-type: application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"internal server error\",\"request_id\":\"req-42\"}");
        ErrorGroup group = tracker().groups().get(0);
        assertThat(group.lastSample().error()).isEqualTo("java.lang.IllegalStateException: handler failed");
        assertThat(group.lastSample().context()).containsEntry("method", "GET").containsEntry("path", "/app/orders")
                .containsEntry("query", "page=2").containsEntry("request_id", "req-42");
    }

    @Test
    void successfulRequestsPassThrough() throws Exception {
        RawHttp.Response response = RawHttp.get(port(), "/app/ok");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("fine");
        assertThat(tracker().stats().recorded()).isZero();
    }

    @Test
    void committedResponseIsRecordedAndNotRewritten() throws Exception {
        RawHttp.Response response = RawHttp.get(port(), "/app/committed");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("internal server error");
        assertThat(tracker().groups()).singleElement().satisfies(group -> assertThat(group.lastSample().error())
                .isEqualTo("java.lang.IllegalStateException: failed after commit"));
    }

    @Test
    void handlerIoFailureBeforeCommitIsTracked() throws Exception {
        RawHttp.Response response = RawHttp.get(port(), "/app/io");

        assertThat(response.status()).isEqualTo(500);
        assertThat(tracker().groups()).singleElement().satisfies(group -> assertThat(group.lastSample().error())
                .isEqualTo("java.io.IOException: Connection reset by peer"));
    }

    @Test
    void clientDisconnectIsLoggedAtDebugNotTracked() throws Exception {
        try (LogCapture disconnects = LogCapture.debug("fr.pareto.errors.ClientDisconnects");
             LogCapture tracked = LogCapture.tracker()) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), port());
            client.getOutputStream().write("GET /app/slow?page=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            assertThat(slowRequestStarted.await(30, TimeUnit.SECONDS)).as("slow request started").isTrue();
            // Like a client that times out: close at once with a reset instead of reading the response.
            client.setSoLinger(true, 0);
            client.close();
            clientGone.countDown();

            await().atMost(Duration.ofSeconds(30)).until(() -> !disconnects.events().isEmpty());

            assertThat(disconnects.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(event.getFormattedMessage()).contains("GET /app/slow").doesNotContain("page=1");
            });
            assertThat(tracker().stats().recorded()).isZero();
            assertThat(tracked.trackedEvents()).isEmpty();
        }
    }

    @Test
    void secretsNeverReachRecordOrLog() throws Exception {
        try (LogCapture logs = LogCapture.tracker()) {
            // Each group keeps only its last sample, so the record is read after every request.
            StringBuilder recorded = new StringBuilder();
            RawHttp.get(port(), "/app/x?token=qt1&password=qp2&secret=qs3&api_key=qa4&sig=qg11&session=qe12&page=1",
                    "Cookie: JSESSIONID=abc", "Authorization: Bearer au5", "Proxy-Authorization: Basic pa6",
                    "X-Api-Key: xk7", "X-Session: xs13", "User-Agent: test-agent");
            recorded.append(tracker().groups());
            RawHttp.get(port(), "/app/y", "cookie: JSESSIONID=lower8");
            recorded.append(tracker().groups());
            RawHttp.get(port(), "/app/z", "COOKIE: JSESSIONID=upper9");
            recorded.append(tracker().groups());
            RawHttp.get(port(), "/app/w", "cOoKiE: JSESSIONID=mixed10");
            recorded.append(tracker().groups());

            assertThat(tracker().stats().recorded()).isEqualTo(4);
            String logged = logs.trackedEvents().stream().map(LogCapture::keyValues).map(Map::toString).toList().toString();
            for (String secret : new String[] {"abc", "lower8", "upper9", "mixed10", "au5", "pa6", "xk7", "qt1", "qp2",
                    "qs3", "qa4", "qg11", "qe12", "xs13"}) {
                assertThat(recorded.toString()).as("recorded groups").doesNotContain(secret);
                assertThat(logged).as("logged events").doesNotContain(secret);
            }
            assertThat(recorded.toString()).contains("header_cookie=***", "header_authorization=***",
                    "header_proxy_authorization=***", "header_x_api_key=***", "header_x_session=***",
                    "header_user_agent=test-agent", "page=1");
        }
    }

    @Test
    void errorsEndpointRequiresTheToken() throws Exception {
        RawHttp.get(port(), "/app/x");

        RawHttp.Response anonymous = RawHttp.get(port(), "/errors");
        RawHttp.Response wrong = RawHttp.get(port(), "/errors", "Authorization: Bearer wrong-token-0000000");
        RawHttp.Response allowed = RawHttp.get(port(), "/errors?sort=recent&limit=5", "authorization: bearer " + TOKEN);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("handler failed");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"type\":\"java.lang.IllegalStateException\"", "\"count\":1",
                "\"path\":\"/app/x\"", "\"stats\":{\"recorded\":1");
    }
}
