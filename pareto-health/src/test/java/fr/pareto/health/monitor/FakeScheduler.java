package fr.pareto.health.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A scheduler on a hand-moved clock: tasks run only inside {@link #advance(Duration)}, checks run
 * on the calling thread, and a check "takes time" by calling {@link #sleep(Duration)}.
 */
final class FakeScheduler implements MonitorScheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final MovableClock clock;
    private long sequence;

    FakeScheduler(Instant start) {
        this.clock = new MovableClock(start);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Instant time, Runnable task) {
        Task entry = new Task(time, sequence++, task);
        tasks.add(entry);
        return () -> {
            synchronized (this) {
                tasks.remove(entry);
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public void close() {
        synchronized (this) {
            tasks.clear();
        }
    }

    /** Moves the clock forward, running every task that falls due, in time order. */
    void advance(Duration duration) {
        Instant end = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.time.isAfter(end)) {
                    break;
                }
                tasks.poll();
            }
            if (next.time.isAfter(clock.instant())) {
                clock.set(next.time);
            }
            next.task.run();
        }
        if (end.isAfter(clock.instant())) {
            clock.set(end);
        }
    }

    /** Moves the clock without running tasks: what a slow check does to time. */
    void sleep(Duration duration) {
        clock.set(clock.instant().plus(duration));
    }

    Instant now() {
        return clock.instant();
    }

    synchronized int pendingTasks() {
        return tasks.size();
    }

    private record Task(Instant time, long sequence, Runnable task) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = time.compareTo(other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void set(Instant time) {
            now = time;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the fake clock stays in UTC");
        }
    }
}
