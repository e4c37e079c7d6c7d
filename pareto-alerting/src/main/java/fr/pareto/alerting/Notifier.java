package fr.pareto.alerting;

import java.util.List;

/**
 * One channel that alerts go to: a Discord webhook, an SMTP server, a JSON webhook.
 *
 * <p>A notifier makes one delivery attempt per call to {@link #deliver(List)} and reports what
 * happened; the {@link AlertDispatcher} owns the queue, the retries and the back-off. Adding a
 * channel (Slack, Microsoft Teams) takes one class that implements this interface.
 *
 * <p>Thread safety: the dispatcher calls a notifier from one worker thread, but a notifier
 * shared by several dispatchers is called from several threads, so implementations must be
 * thread-safe.
 */
public interface Notifier {

    /**
     * Returns a short name for logs and thread names, such as {@code discord webhook 1234/***}.
     * It must not contain a secret (a token, a password, a full webhook URL).
     */
    String name();

    /**
     * Returns how many of the first queued alerts go into the next message, from 1 to
     * {@code queued.size()}. The dispatcher calls it when a backlog has built up, so a channel
     * that can carry several alerts in one message (Discord: up to 10 embeds) sends fewer
     * requests. Default: 1, one message per alert.
     *
     * @param queued the alerts waiting, oldest first, never empty
     */
    default int batchSize(List<Alert> queued) {
        return 1;
    }

    /**
     * Makes one attempt to deliver the alerts in one message. It may wait for a rate limit that
     * the channel has announced, but only for a bounded time, and it must not throw: every
     * failure becomes a {@link DeliveryResult}.
     *
     * @param alerts from 1 to {@link #batchSize(List)} alerts, oldest first
     * @return whether the alerts were delivered, should be retried, or failed for good
     * @throws InterruptedException if the thread was interrupted while waiting or sending
     */
    DeliveryResult deliver(List<Alert> alerts) throws InterruptedException;
}
