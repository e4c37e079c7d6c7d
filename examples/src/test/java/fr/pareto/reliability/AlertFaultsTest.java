package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.Notifier;
import fr.pareto.alerting.RetryPolicy;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.discord.DiscordNotifier;
import fr.pareto.alerting.email.EmailNotifier;
import fr.pareto.alerting.email.TlsMode;
import fr.pareto.logging.test.CapturedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults of the alert channels: the Discord stand-in responding 429 or 5xx, closing the
 * connection or never responding, and an SMTP port where nothing listens. In each case
 * {@code send} returns at once, the fault is logged with its reason, delivery resumes by
 * itself when the fault clears, and no alert is lost: each is delivered or logged at ERROR with
 * its content and the reason, and the counters add up to the alerts sent.
 *
 * <p>Timeouts and back-offs are short here so that a hang far longer than the request timeout
 * costs the test well under a second per attempt.
 */
@ExtendWith(ScannedOutput.class)
class AlertFaultsTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    private static final RetryPolicy QUICK_RETRIES = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
            .withMaxAttempts(6)
            .withMaxRetryAfter(Duration.ofSeconds(2))
            .withMaxElapsed(Duration.ofSeconds(30));

    /** A fault of the Discord stand-in and the words its reason must contain. */
    enum DiscordFault {
        RATE_LIMITED("429") {
            @Override
            MockResponse response() {
                return FakeDiscord.rateLimit(0.2);
            }
        },
        SERVER_ERROR("500") {
            @Override
            MockResponse response() {
                return new MockResponse.Builder().code(500).body("{\"message\":\"Internal Server Error\"}").build();
            }
        },
        BAD_GATEWAY("502") {
            @Override
            MockResponse response() {
                return new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build();
            }
        },
        CONNECTION_DROPPED("no bytes") {
            @Override
            MockResponse response() {
                // Reads the request, then closes the connection without a response.
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
        },
        HANGS("time") {
            @Override
            MockResponse response() {
                // Never responds, which outlasts the 500 ms request timeout by any margin.
                return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            }
        };

        private final String reason;

        DiscordFault(String reason) {
            this.reason = reason;
        }

        abstract MockResponse response();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DiscordFault.class)
    void discordFaultIsRetriedUntilDelivered(DiscordFault fault) throws Exception {
        FakeDiscord discord = new FakeDiscord().fault(fault.response(), fault.response(), fault.response());
        try (MockWebServer server = Loopback.start(discord)) {
            AlertDispatcher dispatcher = dispatcher(discordNotifier(server));
            Alert alert = alert("Discord " + fault.name().toLowerCase(Locale.ROOT));

            long sendNanos = timedSend(dispatcher, alert);
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().sent() == 1);
            dispatcher.close();

            Figures.add("faults.discord." + fault.name().toLowerCase(Locale.ROOT), 3);
            Figures.add("alerts.total_raised", 1);
            Figures.add("alerts.total_lost", discord.deliveredTitles().containsKey(alert.title()) ? 0 : 1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(sendNanos)).as("send() time in ms").isLessThan(2000);
            assertThat(discord.deliveredTitles()).containsEntry(alert.title(), 1);
            assertThat(dispatcher.counters().retried()).isEqualTo(3);
            assertThat(dispatcher.counters().failed()).isZero();
            assertThat(discord.violations()).isEmpty();

            List<CapturedEvent> reports = faultReports();
            if (fault == DiscordFault.RATE_LIMITED) {
                // A 429 is the channel's normal flow control, not a fault to report.
                assertThat(reports).isEmpty();
            } else {
                assertThat(reports).as("WARN or ERROR events about the fault").isNotEmpty();
                assertThat(reports).allSatisfy(report -> assertThat(report.message().toLowerCase(Locale.ROOT))
                        .contains(fault.reason));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DiscordFault.class, names = "RATE_LIMITED", mode = EnumSource.Mode.EXCLUDE)
    void discordFaultIsReportedOnce(DiscordFault fault) throws Exception {
        FakeDiscord discord = new FakeDiscord().fault(fault.response(), fault.response(), fault.response());
        try (MockWebServer server = Loopback.start(discord)) {
            AlertDispatcher dispatcher = dispatcher(discordNotifier(server));

            dispatcher.send(alert("Reported once " + fault.name().toLowerCase(Locale.ROOT)));
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().sent() == 1);
            dispatcher.close();

            assertThat(faultReports()).as("WARN or ERROR events about three failed attempts of one message").hasSize(1);
        }
    }

    @Test
    void permanentDiscordFailureIsLogged() throws Exception {
        FakeDiscord discord = new FakeDiscord();
        for (int i = 0; i < 10; i++) {
            discord.fault(DiscordFault.SERVER_ERROR.response());
        }
        try (MockWebServer server = Loopback.start(discord)) {
            AlertDispatcher dispatcher = dispatcher(discordNotifier(server), RetryPolicy.defaults()
                    .withBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).withMaxAttempts(3));
            Alert alert = alert("Discord gone");

            dispatcher.send(alert);
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().failed() == 1);
            dispatcher.close();

            Figures.add("faults.discord.server_error_permanent", 3);
            Figures.add("alerts.total_raised", 1);
            Figures.add("alerts.total_logged_undelivered", 1);
            assertThat(dispatcher.counters().sent()).isZero();
            assertUndeliveredLogged(alert, "500");
        }
    }

    @Test
    void refusedSmtpAlertIsLogged() throws Exception {
        FakeDiscord discord = new FakeDiscord();
        try (MockWebServer server = Loopback.start(discord)) {
            Notifier email = EmailNotifier.builder("127.0.0.1")
                    .port(Loopback.closedPort())
                    .tls(TlsMode.NONE)
                    .username("alerts")
                    .password(Canaries.SMTP_PASSWORD)
                    .from("alerts@pareto.test")
                    .to("oncall@pareto.test")
                    .connectTimeout(REQUEST_TIMEOUT)
                    .build();
            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(email)
                    .notifier(discordNotifier(server))
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).withMaxAttempts(3))
                    .deduplicationWindow(Duration.ZERO)
                    .build();
            Alert alert = alert("SMTP refused");

            long sendNanos = timedSend(dispatcher, alert);
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.counters().failed() == 1
                    && dispatcher.counters().sent() == 1);
            dispatcher.close();

            Figures.add("faults.smtp.connection_refused", 3);
            Figures.add("alerts.total_raised", 1);
            Figures.add("alerts.total_logged_undelivered", 1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(sendNanos)).as("send() time in ms").isLessThan(2000);
            assertThat(discord.deliveredTitles()).as("the other channel still delivers").containsEntry(alert.title(), 1);
            assertUndeliveredLogged(alert, "refused");
        }
    }

    @Test
    void hangingDiscordNeverHoldsTheCallerAndLosesNothing() throws Exception {
        FakeDiscord discord = new FakeDiscord();
        for (int i = 0; i < 1000; i++) {
            discord.fault(DiscordFault.HANGS.response());
        }
        int alerts = 50;
        try (MockWebServer server = Loopback.start(discord)) {
            AlertDispatcher dispatcher = AlertDispatcher.builder()
                    .notifier(discordNotifier(server))
                    .retryPolicy(QUICK_RETRIES)
                    .deduplicationWindow(Duration.ZERO)
                    .closeTimeout(Duration.ofSeconds(1))
                    .build();

            long slowestSend = 0;
            for (int i = 0; i < alerts; i++) {
                slowestSend = Math.max(slowestSend, timedSend(dispatcher, alert("Hang " + i)));
            }
            dispatcher.close();

            AlertDispatcher.Counters counters = dispatcher.counters();
            Figures.add("faults.discord.hangs_during_close", 1);
            Figures.add("alerts.total_raised", alerts);
            Figures.add("alerts.total_logged_undelivered", counters.failed() + counters.dropped());
            Figures.add("alerts.total_lost", alerts - counters.sent() - counters.failed() - counters.dropped());
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowestSend)).as("slowest send() in ms").isLessThan(2000);
            assertThat(counters.sent() + counters.failed() + counters.dropped()).isEqualTo(alerts);
            assertThat(undeliveredEvents()).hasSize((int) (counters.failed() + counters.dropped()));
        }
    }

    private static DiscordNotifier discordNotifier(MockWebServer server) {
        return DiscordNotifier.builder(Loopback.webhook(server))
                .connectTimeout(REQUEST_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
    }

    private static AlertDispatcher dispatcher(Notifier notifier) {
        return dispatcher(notifier, QUICK_RETRIES);
    }

    private static AlertDispatcher dispatcher(Notifier notifier, RetryPolicy policy) {
        return AlertDispatcher.builder()
                .notifier(notifier)
                .retryPolicy(policy)
                .deduplicationWindow(Duration.ZERO)
                .build();
    }

    private static Alert alert(String title) {
        return Alert.builder(title)
                .severity(Severity.CRITICAL)
                .description("Checkout answered 503 for 3 minutes")
                .field("Runbook", "restart the checkout pods")
                .source("reliability-suite")
                .build();
    }

    private static long timedSend(AlertDispatcher dispatcher, Alert alert) {
        long started = System.nanoTime();
        dispatcher.send(alert);
        return System.nanoTime() - started;
    }

    /** Returns the WARN and ERROR events of the alerting loggers. */
    private static List<CapturedEvent> faultReports() {
        return ScannedOutput.capture().events().stream()
                .filter(event -> event.logger().startsWith("fr.pareto.alerting"))
                .filter(event -> event.level().equals("warn") || event.level().equals("error"))
                .toList();
    }

    private static List<CapturedEvent> undeliveredEvents() {
        return ScannedOutput.capture().events().stream()
                .filter(event -> event.level().equals("error"))
                .filter(event -> event.message().startsWith("Alert not delivered"))
                .toList();
    }

    private static void assertUndeliveredLogged(Alert alert, String reason) {
        List<CapturedEvent> undelivered = undeliveredEvents();
        assertThat(undelivered).hasSize(1);
        assertThat(undelivered.get(0).message())
                .contains(alert.title())
                .contains(alert.description())
                .contains("restart the checkout pods")
                .containsIgnoringCase(reason);
    }
}
