package fr.pareto.errors;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Captures five new groups and returns from {@code main} without closing the tracker, so only the
 * shutdown hook can deliver the notifications. With {@code stuck}, the listener never returns.
 */
public final class ShutdownProbe {

    private ShutdownProbe() {
    }

    public static void main(String[] args) {
        boolean stuck = args.length > 0 && args[0].equals("stuck");
        CountDownLatch never = new CountDownLatch(1);
        ErrorTracker tracker = ErrorTracker.builder().name("shutdown-probe").shutdownTimeout(Duration.ofMillis(500))
                .listener(new ErrorListener() {
                    @Override
                    public void onNewGroup(ErrorGroup group) {
                        if (stuck) {
                            awaitUninterruptibly(never);
                        }
                        System.out.println("delivered " + group.lastSample().error());
                    }
                }).build();
        for (int i = 0; i < 5; i++) {
            tracker.capture(failure(i));
        }
        System.out.println("main done");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // A stuck delivery ignores interrupts, the worst case for shutdown.
            }
        }
    }

    /** Each index fails in its own method, so that each is a new group. */
    private static RuntimeException failure(int index) {
        return switch (index) {
            case 0 -> f0();
            case 1 -> f1();
            case 2 -> f2();
            case 3 -> f3();
            default -> f4();
        };
    }

    private static RuntimeException f0() {
        return new IllegalStateException("failure 0");
    }

    private static RuntimeException f1() {
        return new IllegalStateException("failure 1");
    }

    private static RuntimeException f2() {
        return new IllegalStateException("failure 2");
    }

    private static RuntimeException f3() {
        return new IllegalStateException("failure 3");
    }

    private static RuntimeException f4() {
        return new IllegalStateException("failure 4");
    }
}
