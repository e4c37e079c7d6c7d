package fr.pareto.examples.scraper;

/**
 * The success rate over the most recent scrapes, in a fixed-size window.
 *
 * <p>Thread-safe. Older outcomes drop out as new ones arrive, so the rate follows the
 * retailers' current state rather than the whole history.
 */
public final class ScrapeTracker {

    /** Window size used by the service. */
    public static final int DEFAULT_WINDOW = 20;

    private final boolean[] outcomes;
    private int next;
    private int count;
    private int successes;

    /**
     * Creates a tracker.
     *
     * @param window number of recent scrapes the rate covers, from 1 to 10,000
     * @throws IllegalArgumentException if window is outside that range
     */
    public ScrapeTracker(int window) {
        if (window < 1 || window > 10_000) {
            throw new IllegalArgumentException("Invalid scrape window " + window + ": use 1 to 10000 scrapes");
        }
        this.outcomes = new boolean[window];
    }

    /** Records one scrape's outcome, pushing out the oldest when the window is full. */
    public synchronized void record(boolean succeeded) {
        if (count == outcomes.length) {
            if (outcomes[next]) {
                successes--;
            }
        } else {
            count++;
        }
        outcomes[next] = succeeded;
        if (succeeded) {
            successes++;
        }
        next = (next + 1) % outcomes.length;
    }

    /** Returns the counts of the current window. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(count, successes);
    }

    /**
     * The scrapes in the window.
     *
     * @param attempts scrapes recorded, at most the window size
     * @param successes of those, the ones that read a price
     */
    public record Snapshot(int attempts, int successes) {

        /** Returns successes divided by attempts, from 0 to 1, or 1 when nothing was scraped yet. */
        public double successRate() {
            return attempts == 0 ? 1.0 : (double) successes / attempts;
        }
    }
}
