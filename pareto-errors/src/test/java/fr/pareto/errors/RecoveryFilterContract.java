package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every recovery filter shares, run against each real server. A subclass starts a
 * server on loopback whose {@code /app/*} handler behaves by path:
 * {@code /app/ok} returns 200 {@code fine}; {@code /app/committed} sends a 200 status and some
 * bytes, then throws {@code IllegalStateException("failed after commit")}; {@code /app/gone}
 * throws the server's client-gone exception; every other path throws
 * {@code IllegalStateException("handler failed")}. {@code /errors} serves the errors endpoint
 * with {@link #TOKEN}.
 */
public abstract class RecoveryFilterContract {

    protected static final String TOKEN = "0123456789abcdef-token";

    /** Returns the tracker the filter records into. */
    protected abstract ErrorTracker tracker();

    /** Returns the port of the running server. */
    protected abstract int port();

    /** Returns the class name of the exception that {@code /app/gone} throws. */
    protected abstract String clientGoneType();

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
    void clientGoneIsOnlyRecorded() throws Exception {
        RawHttp.Response response = RawHttp.get(port(), "/app/gone");

        assertThat(response.status()).isNotEqualTo(500);
        assertThat(response.body()).doesNotContain("internal server error");
        assertThat(tracker().groups()).singleElement().extracting(ErrorGroup::type).isEqualTo(clientGoneType());
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
