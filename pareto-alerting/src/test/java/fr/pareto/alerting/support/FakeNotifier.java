package fr.pareto.alerting.support;

import fr.pareto.alerting.Alert;
import fr.pareto.alerting.DeliveryResult;
import fr.pareto.alerting.Notifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A notifier that records every message and answers with scripted results; once the script is
 * used up it delivers. A latch can hold deliveries back to let a backlog build.
 */
public final class FakeNotifier implements Notifier {

    private final String name;
    private final int maxBatch;
    private final Queue<DeliveryResult> script = new ConcurrentLinkedQueue<>();
    private final List<List<Alert>> attempts = new ArrayList<>();
    private final List<List<Alert>> delivered = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Function<List<Alert>, DeliveryResult> behaviour;

    public FakeNotifier(String name, int maxBatch) {
        this.name = name;
        this.maxBatch = maxBatch;
    }

    /** Answers the next attempts with these results, in order. */
    public FakeNotifier answer(DeliveryResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    /** Answers every attempt with this function once the script is used up. */
    public FakeNotifier behave(Function<List<Alert>, DeliveryResult> function) {
        this.behaviour = function;
        return this;
    }

    /** Makes every delivery wait until the returned latch is counted down. */
    public CountDownLatch hold() {
        CountDownLatch latch = new CountDownLatch(1);
        gate = latch;
        return latch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int batchSize(List<Alert> queued) {
        return Math.min(maxBatch, queued.size());
    }

    @Override
    public DeliveryResult deliver(List<Alert> alerts) throws InterruptedException {
        gate.await();
        synchronized (this) {
            attempts.add(List.copyOf(alerts));
        }
        DeliveryResult result = script.poll();
        if (result == null) {
            result = behaviour == null ? DeliveryResult.delivered() : behaviour.apply(alerts);
        }
        if (result.outcome() == DeliveryResult.Outcome.DELIVERED) {
            synchronized (this) {
                delivered.add(List.copyOf(alerts));
            }
        }
        return result;
    }

    /** Returns every attempted message. */
    public synchronized List<List<Alert>> attempts() {
        return List.copyOf(attempts);
    }

    /** Returns every delivered message. */
    public synchronized List<List<Alert>> messages() {
        return List.copyOf(delivered);
    }

    /** Returns the delivered alerts in order. */
    public synchronized List<Alert> deliveredAlerts() {
        return delivered.stream().flatMap(List::stream).toList();
    }
}
