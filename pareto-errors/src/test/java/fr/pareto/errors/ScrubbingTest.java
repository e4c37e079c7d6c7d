package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrubbingTest {

    private final ErrorTracker tracker = ErrorTracker.builder().name("scrub-test").secretNames("ssn")
            .flushOnExit(false).build();
    private final LogCapture logs = LogCapture.tracker();

    @AfterEach
    void close() {
        logs.close();
        tracker.close();
    }

    @Test
    void secretKeysRedactedInAnyCase() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("Authorization", "Bearer abc123");
        context.put("proxy-authorization", "Basic dXNlcjpwYXNz");
        context.put("COOKIE", "JSESSIONID=abc");
        context.put("Set-Cookie", "id=xyz");
        context.put("x-api-key", "key-42");
        context.put("db_password", "hunter2");
        context.put("refresh_token", "tok-9");
        context.put("client_secret", "shh");
        context.put("api_key", "k-1");
        context.put("customer_ssn", "123-45-6789");
        context.put("path", "/orders");

        tracker.capture(new IllegalStateException("x"), ErrorContext.of(context));

        Map<String, String> sample = tracker.groups().get(0).lastSample().context();
        Map<String, String> logged = LogCapture.keyValues(logs.trackedEvents().get(0));
        for (String key : context.keySet()) {
            if (!key.equals("path")) {
                assertThat(sample).as("sample %s", key).containsEntry(key, "***");
                assertThat(logged).as("event %s", key).containsEntry(key, "***");
            }
        }
        assertThat(sample).containsEntry("path", "/orders");
        String everything = sample.toString() + logged;
        assertThat(everything).doesNotContain("abc123", "dXNlcjpwYXNz", "JSESSIONID=abc", "xyz", "key-42", "hunter2",
                "tok-9", "shh", "k-1", "123-45-6789");
    }

    @Test
    void secretQueryParametersRedacted() {
        tracker.capture(new IllegalStateException("GET https://api.example/pay?token=t0k&amount=5 failed"),
                ErrorContext.of("query", "page=2&password=pw1&API_KEY=ak&Secret=s3;jsessionid=j1"));

        ErrorSample sample = tracker.groups().get(0).lastSample();
        assertThat(sample.context().get("query")).isEqualTo(
                "page=2&password=***&API_KEY=***&Secret=***;jsessionid=***");
        assertThat(sample.error()).isEqualTo(
                "java.lang.IllegalStateException: GET https://api.example/pay?token=***&amount=5 failed");
        assertThat(sample.stackTrace()).doesNotContain("t0k");
        String logged = LogCapture.keyValues(logs.trackedEvents().get(0)).toString();
        assertThat(logged).doesNotContain("t0k", "pw1", "=ak", "s3", "j1").contains("amount=5", "page=2");
    }

    @Test
    void headersBearerTokensAndUrlPasswordsRedactedInMessagesContextAndEndpoint() {
        tracker.capture(new UnsupportedOperationException("Cookie: session=hunter20; Authorization: Bearer hunter21"),
                ErrorContext.of("callback", "https://app:hunter22@hooks.example/x"));

        ErrorSample sample = tracker.groups().get(0).lastSample();
        assertThat(sample.error()).isEqualTo("java.lang.UnsupportedOperationException: Cookie: ***");
        assertThat(sample.context()).containsEntry("callback", "https://app:***@hooks.example/x");
        String logged = LogCapture.keyValues(logs.trackedEvents().get(0)).toString();
        String body = ErrorsEndpoint.open(tracker).handle("GET", null, null).body();
        for (String shown : new String[] {sample.toString(), logged, body}) {
            assertThat(shown).doesNotContain("hunter20", "hunter21", "hunter22").contains("hooks.example/x");
        }
    }

    @Test
    void secretsRedactedThroughoutTheChain() {
        IllegalStateException top = new IllegalStateException("sync failed for https://token-user@git.example/repo.git",
                new RuntimeException("upstream said 401 to Authorization: Basic dXNlcjpodW50ZXIy",
                        new IllegalArgumentException("proxy refused Bearer eyJhbGciOi.cGF5bG9hZA.c2ln")));
        top.addSuppressed(new IllegalStateException("close failed, X-Api-Key: ak-secret-7 (retry later)"));

        tracker.capture(top);

        ErrorSample sample = tracker.groups().get(0).lastSample();
        assertThat(sample.stackTrace())
                .contains("https://***@git.example/repo.git", "Authorization: Basic ***",
                        "proxy refused Bearer ***", "X-Api-Key: *** (retry later)")
                .doesNotContain("token-user", "dXNlcjpodW50ZXIy", "eyJhbGciOi", "ak-secret-7");
        String logged = LogCapture.keyValues(logs.trackedEvents().get(0)).toString();
        assertThat(logged).doesNotContain("token-user", "dXNlcjpodW50ZXIy", "eyJhbGciOi", "ak-secret-7");
    }

    @Test
    void quotedAndJsonValuesRedacted() {
        tracker.capture(new IllegalStateException("bad login password=\"two words\" body {\"client_secret\":\"cs-9\",\"user\":\"ann\"}"));

        assertThat(tracker.groups().get(0).lastSample().error()).isEqualTo("java.lang.IllegalStateException: bad login"
                + " password=\"***\" body {\"client_secret\":\"***\",\"user\":\"ann\"}");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String message = "Basic authentication failed at 10:42: timeout=30s, see https://docs.example/a?page=2"
                + " and TokenStore.java:42";

        tracker.capture(new IllegalStateException(message));

        assertThat(tracker.groups().get(0).lastSample().error()).isEqualTo("java.lang.IllegalStateException: " + message);
    }

    @Test
    void defaultSecretNamesCoverSessionsSignaturesAndShortNames() {
        List<String> secret = List.of("X-Session", "session", "JSESSIONID", "sig", "X-Sig", "signature", "auth", "X-Auth",
                "key", "pwd", "pass", "jwt", "sid", "passphrase", "aws_access_key_id", "private-key", "Credentials",
                "header_x_session", "header_x_auth");
        List<String> harmless = List.of("author", "authority", "monkey", "keyboard", "signal", "passenger", "path",
                "user", "page", "order_id");
        Map<String, String> context = new LinkedHashMap<>();
        for (String name : secret) {
            context.put(name, "S3CRET");
        }
        for (String name : harmless) {
            context.put(name, "shown");
        }

        tracker.capture(new IllegalStateException("x"), ErrorContext.of(context));

        Map<String, String> sample = tracker.groups().get(0).lastSample().context();
        for (String name : secret) {
            assertThat(sample).as(name).containsEntry(name, "***");
        }
        for (String name : harmless) {
            assertThat(sample).as(name).containsEntry(name, "shown");
        }
    }

    @Test
    void secretQueryNamesMatchedWithoutSeparatorsOrCase() {
        tracker.capture(new IllegalStateException("GET /cb?sig=S3CRET1&session=S3CRET2&Session_Id=S3CRET3&X-AUTH=S3CRET4"
                + "&author=ann&key=S3CRET5"));

        assertThat(tracker.groups().get(0).lastSample().error()).isEqualTo("java.lang.IllegalStateException: GET /cb"
                + "?sig=***&session=***&Session_Id=***&X-AUTH=***&author=ann&key=***");
    }

    @Test
    void userNamesExtendTheDefaults() {
        tracker.capture(new IllegalStateException("lookup of Customer-SSN=123 failed"), ErrorContext.of("SSN_hash", "h1"));

        ErrorSample sample = tracker.groups().get(0).lastSample();
        assertThat(sample.error()).isEqualTo("java.lang.IllegalStateException: lookup of Customer-SSN=*** failed");
        assertThat(sample.context()).containsEntry("SSN_hash", "***");
    }

    @Test
    void contextToStringShowsKeysOnly() {
        assertThat(ErrorContext.of("authorization", "Bearer abc").toString()).isEqualTo("ErrorContext[authorization]");
    }
}
