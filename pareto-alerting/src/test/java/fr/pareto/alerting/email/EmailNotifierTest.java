package fr.pareto.alerting.email;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.RetryPolicy;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.support.LogCapture;
import fr.pareto.alerting.support.SilentServer;
import fr.pareto.alerting.support.TestTls;
import fr.pareto.alerting.support.TinySmtpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmailNotifierTest {

    private final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void startGreenMail() {
        greenMail.start();
        greenMail.setUser("alerts@example.com", "alerts", "right-password");
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    private EmailNotifier.Builder toGreenMail() {
        return EmailNotifier.builder("127.0.0.1")
                .port(greenMail.getSmtp().getPort())
                .from("alerts@example.com")
                .to("oncall@example.com", "ops@example.com");
    }

    private static Alert apiDown() {
        return Alert.builder("API Health is down")
                .severity(Severity.ERROR)
                .description("GET http://api:8080/health answered 503 <b>not bold</b>")
                .field("Monitor", "API Health")
                .source("uptime")
                .link(URI.create("https://status.example.com"))
                .build();
    }

    @Test
    void sendsSubjectTextAndHtmlParts() throws Exception {
        EmailNotifier email = toGreenMail().tls(TlsMode.NONE).username("alerts").password("right-password").build();

        DeliveryResult result = email.deliver(List.of(apiDown()));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("[ERROR] API Health is down");
        assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@example.com");
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat((String) text.getContent()).contains("Monitor: API Health", "Source: uptime", "answered 503");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) html.getContent()).contains("#ff0000", "&lt;b&gt;not bold&lt;/b&gt;", "Pareto Monitoring");
    }

    @Test
    void wrongPasswordFailsForGood() throws Exception {
        EmailNotifier email = toGreenMail().tls(TlsMode.NONE).username("alerts").password("wrong").build();

        DeliveryResult result = email.deliver(List.of(apiDown()));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
        assertThat(result.reason()).contains("authentication failed").doesNotContain("wrong");
        assertThat(email.toString()).doesNotContain("wrong");
    }

    @Test
    void serverWithoutStartTlsIsRefusedByDefault() throws Exception {
        EmailNotifier email = toGreenMail().build();

        DeliveryResult result = email.deliver(List.of(apiDown()));

        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
        assertThat(result.reason()).contains("does not offer STARTTLS", "TlsMode.NONE");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void serverDemandingStartTlsIsSatisfied() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(false)) {
            EmailNotifier email = EmailNotifier.builder("127.0.0.1").port(server.port())
                    .from("alerts@example.com").to("oncall@example.com")
                    .username("alerts").password("pw")
                    .sslSocketFactory(TestTls.clientContext().getSocketFactory())
                    .build();

            DeliveryResult result = email.deliver(List.of(apiDown()));

            assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(server.received()).hasSize(1);
            assertThat(server.received().get(0).encrypted()).isTrue();
            assertThat(server.received().get(0).authenticatedAs()).isEqualTo("alerts");
            assertThat(server.received().get(0).data()).contains("Subject: [ERROR] API Health is down");
        }
    }

    @Test
    void optingOutOfStartTlsMeetsServerThatDemandsIt() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(false)) {
            EmailNotifier email = EmailNotifier.builder("127.0.0.1").port(server.port()).tls(TlsMode.NONE)
                    .from("alerts@example.com").to("oncall@example.com").build();

            DeliveryResult result = email.deliver(List.of(apiDown()));

            assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
            assertThat(result.reason()).contains("530");
        }
    }

    @Test
    void implicitTlsIsUsedWhenAsked() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(true)) {
            EmailNotifier email = EmailNotifier.builder("127.0.0.1").port(server.port()).tls(TlsMode.IMPLICIT)
                    .from("alerts@example.com").to("oncall@example.com")
                    .sslSocketFactory(TestTls.clientContext().getSocketFactory())
                    .build();

            DeliveryResult result = email.deliver(List.of(apiDown()));

            assertThat(result.outcome()).as(result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
            assertThat(server.received().get(0).encrypted()).isTrue();
        }
    }

    @Test
    void untrustedCertificateFailsForGood() throws Exception {
        try (TinySmtpServer server = new TinySmtpServer(false)) {
            EmailNotifier email = EmailNotifier.builder("127.0.0.1").port(server.port())
                    .from("alerts@example.com").to("oncall@example.com").build();

            DeliveryResult result = email.deliver(List.of(apiDown()));

            assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
            assertThat(result.reason()).contains("TLS");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void stalledServerFailsWithinTimeoutsAndIsRetried() throws Exception {
        try (SilentServer server = new SilentServer(); LogCapture logs = new LogCapture()) {
            EmailNotifier email = EmailNotifier.builder("127.0.0.1").port(server.port())
                    .from("alerts@example.com").to("oncall@example.com")
                    .connectTimeout(Duration.ofMillis(500))
                    .readTimeout(Duration.ofMillis(500))
                    .writeTimeout(Duration.ofMillis(500))
                    .build();
            RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).withMaxAttempts(3);
            long start = System.nanoTime();

            try (AlertDispatcher dispatcher = AlertDispatcher.builder().notifier(email).retryPolicy(policy).build()) {
                dispatcher.send(apiDown());
                await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().failed() == 1);

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
                assertThat(server.connections()).isEqualTo(3);
                assertThat(dispatcher.counters().retried()).isEqualTo(2);
            }
            assertThat(logs.messages(Level.WARN)).anyMatch(m -> m.contains("email via 127.0.0.1") && m.contains("retrying"));
            assertThat(logs.messages(Level.ERROR)).anyMatch(m -> m.contains("gave up after 3 attempts")
                    && m.contains("SocketTimeoutException") && m.contains("API Health is down"));
        }
    }

    @Test
    void recipientsWithHeaderInjectionAreRejected() {
        assertThatThrownBy(() -> toGreenMail().to("oncall@example.com\r\nBcc: thief@evil.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid to address")
                .hasMessageContaining("line breaks");
        assertThatThrownBy(() -> toGreenMail().to("a@example.com, b@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> toGreenMail().from("Alerts <alerts@example.com>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid from address");
        assertThatThrownBy(() -> toGreenMail().to((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void subjectCannotCarryHeaders() throws Exception {
        EmailNotifier email = toGreenMail().tls(TlsMode.NONE).build();

        email.deliver(List.of(Alert.builder("Down\r\nBcc: thief@evil.example").build()));

        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).isEqualTo("[ERROR] Down  Bcc: thief@evil.example");
    }

    @Test
    void missingSenderOrRecipientIsReported() {
        assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.com").to("a@example.com").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from(");
        assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.com").from("a@example.com").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("to(");
        assertThatThrownBy(() -> EmailNotifier.builder("smtp example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid SMTP host");
        assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.com").port(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }
}
