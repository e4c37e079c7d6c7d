package fr.pareto.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.discord.DiscordNotifier;
import fr.pareto.alerting.logback.AlertAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Hostile alert titles, descriptions, fields, sources, footers and content sent through the
 * Discord notifier to the stand-in, and hostile ERROR log events turned into alerts by
 * {@link AlertAppender}. Every payload must be valid UTF-8 JSON within Discord's
 * limits (see {@link DiscordLimits}), every alert must arrive as one embed, and no call may throw.
 */
class AlertInputProperties {

    private static FakeDiscord discord;
    private static MockWebServer server;

    private static int findingsBefore;

    @BeforeContainer
    static void startDiscord() {
        findingsBefore = Transcript.findings().size();
        discord = new FakeDiscord();
        server = Loopback.start(discord);
    }

    @AfterContainer
    static void stopDiscord() {
        server.close();
        Transcript.publish();
        Transcript.assertNoFindingsSince(findingsBefore);
    }

    @Property(tries = 300)
    void discordPayloadsStayWithinLimits(@ForAll("alerts") List<Alert> alerts, @ForAll("strings") String footer,
            @ForAll("strings") String content) throws InterruptedException {
        DiscordNotifier notifier = DiscordNotifier.builder(Loopback.webhook(server)).footer(footer).content(content).build();
        int embedsBefore = discord.deliveredEmbeds();

        DeliveryResult result = notifier.deliver(alerts);

        assertThat(result.outcome()).as("outcome, reason: %s", result.reason()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(discord.violations()).isEmpty();
        assertThat(discord.deliveredEmbeds() - embedsBefore).as("embeds delivered").isEqualTo(alerts.size());
        Transcript.add(Transcript.Kind.EXCEPTION_MESSAGE, notifier.toString());
        Figures.add("inputs.alerting.discord_messages", 1);
        Figures.add("alerting.property_alerts_in_messages", alerts.size());
    }

    @Property(tries = 150)
    void errorLogsTurnedIntoAlertsStayWithinLimits(@ForAll("messages") String message,
            @ForAll("throwables") Throwable error) throws InterruptedException {
        int embedsBefore = discord.deliveredEmbeds();
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .notifier(DiscordNotifier.builder(Loopback.webhook(server)).build())
                .deduplicationWindow(Duration.ZERO)
                .build();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("fr.pareto.reliability.alerted");
        AlertAppender appender = new AlertAppender(dispatcher);
        appender.setContext(logger.getLoggerContext());
        appender.setMaxAlertsPerPeriod(1000);
        appender.start();
        logger.addAppender(appender);
        try {
            logger.atError().setMessage(message).setCause(error).log();
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> settled(dispatcher.counters()) == 1);
        dispatcher.close();

        assertThat(dispatcher.counters().sent()).as("alerts sent").isEqualTo(1);
        assertThat(discord.violations()).isEmpty();
        assertThat(discord.deliveredEmbeds() - embedsBefore).isEqualTo(1);
        Figures.add("inputs.alerting.error_logs", 1);
    }

    private static long settled(AlertDispatcher.Counters counters) {
        return counters.sent() + counters.failed() + counters.dropped();
    }

    @Property(tries = 100)
    void blankTitleIsRejectedWithTheFix(@ForAll("blank") String title) {
        assertThatThrownBy(() -> Alert.builder(title))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("title");
        Figures.add("inputs.alerting.blank_titles", 1);
    }

    @Provide
    Arbitrary<String> strings() {
        return Inputs.strings();
    }

    @Provide
    Arbitrary<String> messages() {
        return Inputs.strings();
    }

    @Provide
    Arbitrary<Throwable> throwables() {
        return Inputs.throwables();
    }

    @Provide
    Arbitrary<String> blank() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u2003', '\u3000').ofMaxLength(20);
    }

    @Provide
    Arbitrary<List<Alert>> alerts() {
        return alert().list().ofMinSize(1).ofMaxSize(12);
    }

    private static Arbitrary<Alert> alert() {
        Arbitrary<List<String[]>> fields = Combinators.combine(Inputs.strings(), Inputs.strings())
                .as((name, value) -> new String[] {name, value})
                .list().ofMaxSize(40);
        return Combinators.combine(Inputs.nonBlankStrings(), Inputs.strings(), Inputs.strings(),
                        Arbitraries.of(Severity.class), fields)
                .as((title, description, source, severity, pairs) -> {
                    Alert.Builder builder = Alert.builder(title).description(description).source(source).severity(severity);
                    List<String[]> copy = new ArrayList<>(pairs);
                    copy.forEach(pair -> builder.field(pair[0], pair[1], pair[0].length() % 2 == 0));
                    return builder.build();
                });
    }
}
