package fr.pareto.benchmarks.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pareto.alerting.Alert;
import fr.pareto.alerting.AlertDispatcher;
import fr.pareto.alerting.Severity;
import fr.pareto.alerting.discord.DiscordNotifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The alert storm: 1,000 alerts raised within one second against a local Discord stand-in that
 * allows 5 requests per 2 seconds per webhook and answers 429 beyond. It measures
 * {@link AlertDispatcher} with {@link DiscordNotifier} and, in the same run on another webhook,
 * the naive client of Pareto's plan (one request per alert, response ignored).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar fr.pareto.benchmarks.alerting.AlertStorm}.
 * Optional arguments: number of alerts (1000), storm length in ms (1000). It takes about 45 s.
 */
public final class AlertStorm {

    private static final int LIMIT = 5;
    private static final long WINDOW_MILLIS = 2000;
    private static final int EMBEDS_PER_MESSAGE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertStorm() {
    }

    /**
     * Runs both clients and prints one table.
     *
     * @param args optional: alert count, storm length in milliseconds
     */
    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long stormMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        List<Alert> storm = storm(alerts);

        try (DiscordStandIn discord = new DiscordStandIn(LIMIT, WINDOW_MILLIS)) {
            Result naive = runNaive(discord, storm, stormMillis);
            Result pareto = runPareto(discord, storm, stormMillis);

            // The fewest requests are full messages of 10 embeds; the rate limit lets the first
            // 5 go at once and each further 5 one window later.
            int minRequests = (alerts + EMBEDS_PER_MESSAGE - 1) / EMBEDS_PER_MESSAGE;
            double minSeconds = ((minRequests + LIMIT - 1) / LIMIT - 1) * (WINDOW_MILLIS / 1000.0);

            System.out.printf(Locale.ROOT, "%nAlert storm: %d alerts in %d ms, stand-in allows %d requests per %d ms per webhook%n",
                    alerts, stormMillis, LIMIT, WINDOW_MILLIS);
            System.out.printf(Locale.ROOT, "Minimum the rate limit allows: %d requests, %.1f s%n%n", minRequests, minSeconds);
            System.out.println("| client | delivered | requests | requests during a cooldown (answered 429) | time to deliver | vs minimum |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            print("naive (one request per alert, response ignored)", naive, alerts, minSeconds);
            print("AlertDispatcher + DiscordNotifier", pareto, alerts, minSeconds);
            System.out.printf(Locale.ROOT, "%nAlertDispatcher counters: %s%n", pareto.counters);
        }
    }

    private record Result(int delivered, int requests, int duringCooldown, double seconds, String counters) {
    }

    private static Result runNaive(DiscordStandIn discord, List<Alert> storm, long stormMillis) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(discord.webhookUrl("1001"));
        long start = System.nanoTime();
        for (int i = 0; i < storm.size(); i++) {
            paceTo(start, i, storm.size(), stormMillis);
            Alert alert = storm.get(i);
            ObjectNode embed = JSON.createObjectNode()
                    .put("title", alert.title())
                    .put("description", alert.description())
                    .put("color", alert.color());
            embed.putObject("footer").put("text", "Pareto Monitoring");
            ObjectNode payload = JSON.createObjectNode();
            payload.putArray("embeds").add(embed);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload.toString()))
                    .build();
            try {
                // Like the plan's Go client: post, ignore the status.
                client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                // Ignored, as the naive client does.
            }
        }
        DiscordStandIn.Webhook seen = discord.webhook("1001");
        synchronized (seen) {
            double seconds = (seen.lastAcceptedNanos - start) / 1e9;
            return new Result(seen.embedsAccepted, seen.requests, seen.duringCooldown, seconds, "n/a");
        }
    }

    private static Result runPareto(DiscordStandIn discord, List<Alert> storm, long stormMillis) throws Exception {
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .notifier(DiscordNotifier.builder(discord.webhookUrl("2002")).build())
                .build();
        long start = System.nanoTime();
        for (int i = 0; i < storm.size(); i++) {
            paceTo(start, i, storm.size(), stormMillis);
            dispatcher.send(storm.get(i));
        }
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        while (dispatcher.counters().sent() + dispatcher.counters().failed() + dispatcher.counters().dropped()
                < storm.size() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        String counters = dispatcher.counters().toString();
        dispatcher.close();
        DiscordStandIn.Webhook seen = discord.webhook("2002");
        synchronized (seen) {
            double seconds = (seen.lastAcceptedNanos - start) / 1e9;
            return new Result(seen.embedsAccepted, seen.requests, seen.duringCooldown, seconds, counters);
        }
    }

    private static List<Alert> storm(int count) {
        List<Alert> alerts = new ArrayList<>(count);
        Severity[] severities = {Severity.ERROR, Severity.WARNING, Severity.CRITICAL};
        for (int i = 0; i < count; i++) {
            alerts.add(Alert.builder("Checkout request failed #" + i)
                    .severity(severities[i % severities.length])
                    .description("POST /api/checkout answered 500 after 2031 ms: "
                            + "java.sql.SQLTransientConnectionException: pool exhausted (30 of 30 connections in use)")
                    .field("Service", "api")
                    .field("Instance", "api-" + (i % 3))
                    .source("error-tracker")
                    .build());
        }
        return alerts;
    }

    /** Spreads the alerts evenly over the storm. */
    private static void paceTo(long start, int index, int count, long stormMillis) {
        long target = start + TimeUnit.MILLISECONDS.toNanos(stormMillis) * index / count;
        for (long wait = target - System.nanoTime(); wait > 0; wait = target - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void print(String name, Result result, int alerts, double minSeconds) {
        System.out.printf(Locale.ROOT, "| %s | %d of %d (%.1f%%) | %d | %d | %.2f s | %s |%n",
                name, result.delivered, alerts, 100.0 * result.delivered / alerts, result.requests,
                result.duringCooldown, result.seconds,
                result.delivered == alerts ? String.format(Locale.ROOT, "%.3fx", result.seconds / minSeconds) : "n/a");
    }
}
