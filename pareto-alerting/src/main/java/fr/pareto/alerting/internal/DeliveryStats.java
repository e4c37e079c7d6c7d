package fr.pareto.alerting.internal;

import java.util.concurrent.atomic.LongAdder;

/** The counters of one dispatcher, in alerts (a message of 10 alerts counts 10). */
public final class DeliveryStats {
    public final LongAdder sent = new LongAdder();
    public final LongAdder retried = new LongAdder();
    public final LongAdder coalesced = new LongAdder();
    public final LongAdder deduplicated = new LongAdder();
    public final LongAdder failed = new LongAdder();
    public final LongAdder dropped = new LongAdder();
}
