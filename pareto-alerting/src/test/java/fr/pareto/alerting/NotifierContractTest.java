package fr.pareto.alerting;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.pareto.alerting.discord.DiscordNotifier;
import fr.pareto.alerting.email.EmailNotifier;
import fr.pareto.alerting.email.TlsMode;
import fr.pareto.alerting.internal.OptionalDependencies;
import fr.pareto.alerting.webhook.JsonWebhookNotifier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract every notifier keeps, run against each implementation on local servers. */
class NotifierContractTest {

    private static final String SECRET = "contract-secret-token";
    private static final MockWebServer HTTP = new MockWebServer();
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    /** A named factory: given a port, a notifier that sends to it. */
    record Kind(String name, IntFunction<Notifier> factory, boolean http) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startServers() throws Exception {
        HTTP.start();
        SMTP.start();
        SMTP.setUser("alerts@example.com", "contract", SECRET);
    }

    @AfterAll
    static void stopServers() {
        HTTP.close();
        SMTP.stop();
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("discord", port -> DiscordNotifier.builder("http://127.0.0.1:" + port + "/api/webhooks/9/" + SECRET)
                        .connectTimeout(Duration.ofSeconds(2)).build(), true),
                new Kind("json webhook", port -> JsonWebhookNotifier.builder(URI.create("http://127.0.0.1:" + port + "/hook"))
                        .header("Authorization", "Bearer " + SECRET).connectTimeout(Duration.ofSeconds(2)).build(), true),
                new Kind("email", port -> EmailNotifier.builder("127.0.0.1").port(port).tls(TlsMode.NONE)
                        .username("contract").password(SECRET).from("alerts@example.com").to("oncall@example.com")
                        .connectTimeout(Duration.ofSeconds(2)).build(), false));
    }

    private static int portOf(Kind kind) {
        return kind.http() ? HTTP.getPort() : SMTP.getSmtp().getPort();
    }

    private static Alert alert() {
        return Alert.builder("Contract check").severity(Severity.WARNING).field("Case", "contract").build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void deliversToWorkingServer(Kind kind) throws Exception {
        HTTP.enqueue(new MockResponse.Builder().code(200).body("{}").build());

        DeliveryResult result = kind.factory().apply(portOf(kind)).deliver(List.of(alert()));

        assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void refusedConnectionIsRetryNotException(Kind kind) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryResult result = kind.factory().apply(closedPort).deliver(List.of(alert()));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(result.reason()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nameAndToStringCarryNoSecret(Kind kind) {
        Notifier notifier = kind.factory().apply(portOf(kind));

        assertThat(notifier.name()).isNotBlank().doesNotContain(SECRET);
        assertThat(notifier.toString()).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void batchSizeIsWithinQueuedCount(Kind kind) {
        Notifier notifier = kind.factory().apply(portOf(kind));
        List<Alert> queued = List.of(alert(), alert(), alert());

        assertThat(notifier.batchSize(queued)).isBetween(1, queued.size());
    }

    @Test
    void missingOptionalDependencyNamesArtifact() {
        assertThatThrownBy(() -> OptionalDependencies.require("com.example.Missing", "com.example:missing", "Email alerts"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Email alerts need com.example:missing")
                .hasMessageContaining("com.example.Missing");
    }
}
