package fr.pareto.errors;

/**
 * Counters of an {@link ErrorTracker} since it was built. Every counter except {@code groups} only grows.
 *
 * @param recorded occurrences recorded in a group
 * @param duplicates captures ignored because the same throwable, or one of its chain, was already captured
 * @param groups groups held now
 * @param evictedGroups groups removed to stay within the maximum number of groups
 * @param droppedNotifications listener notifications dropped because the queue was full or the tracker closed
 * @param listenerFailures listener calls that threw
 * @param internalFailures captures that failed inside the tracker and recorded only what they could
 */
public record ErrorTrackerStats(long recorded, long duplicates, int groups, long evictedGroups,
                                long droppedNotifications, long listenerFailures, long internalFailures) {
}
