package fr.pareto.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program that {@link AsyncLoggingLoadTest} starts in a fresh JVM: several threads log
 * {@code load event} with {@code writer} and {@code seq} fields through whatever Logback setup
 * the environment selects, then {@code main} returns and the JVM exits on its own, so only
 * the logging library's shutdown flush stands between the events and standard output.
 *
 * <p>Arguments: the number of threads, then the number of events per thread.
 */
public final class LoadProbe {

    /** Message of every event this program writes. */
    static final String MESSAGE = "load event";

    private LoadProbe() {
    }

    /** Logs {@code args[0] * args[1]} events from {@code args[0]} threads, then returns. */
    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        long perThread = Long.parseLong(args[1]);
        Logger log = LoggerFactory.getLogger("fr.pareto.reliability.load");
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int writer = 0; writer < threads; writer++) {
            int id = writer;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (long seq = 0; seq < perThread; seq++) {
                    log.atInfo().addKeyValue("writer", id).addKeyValue("seq", seq).log(MESSAGE);
                }
            }, "load-writer-" + writer);
            writers.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : writers) {
            thread.join();
        }
    }
}
