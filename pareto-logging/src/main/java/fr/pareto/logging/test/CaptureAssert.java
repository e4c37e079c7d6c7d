package fr.pareto.logging.test;

import java.util.ArrayList;
import java.util.List;

/** Assertions on a snapshot of captured events; see {@link LogAssertions}. Immutable. */
public final class CaptureAssert {

    private final List<CapturedEvent> events;

    CaptureAssert(List<CapturedEvent> events) {
        this.events = List.copyOf(events);
    }

    /**
     * Asserts that exactly one event has this message and continues with assertions on it.
     *
     * @throws AssertionError if none or several have it, listing the messages captured
     */
    public EventAssert hasEvent(String message) {
        List<CapturedEvent> matching = withMessage(message);
        if (matching.size() != 1) {
            throw new AssertionError("Expected exactly one event with message '" + message + "' but found "
                    + matching.size() + "; captured messages: " + messages());
        }
        return new EventAssert(matching.get(0));
    }

    /**
     * Asserts that no event has this message.
     *
     * @throws AssertionError otherwise, with the first such line
     */
    public CaptureAssert hasNoEvent(String message) {
        List<CapturedEvent> matching = withMessage(message);
        if (!matching.isEmpty()) {
            throw new AssertionError("Expected no event with message '" + message + "' but found "
                    + matching.size() + ", first: " + matching.get(0).json());
        }
        return this;
    }

    /**
     * Asserts the number of captured events.
     *
     * @throws AssertionError otherwise, listing the messages captured
     */
    public CaptureAssert hasSize(int expected) {
        if (events.size() != expected) {
            throw new AssertionError("Expected " + expected + " events but captured " + events.size()
                    + ": " + messages());
        }
        return this;
    }

    /** Returns the events under assertion. */
    public List<CapturedEvent> events() {
        return events;
    }

    private List<CapturedEvent> withMessage(String message) {
        List<CapturedEvent> matching = new ArrayList<>();
        for (CapturedEvent event : events) {
            if (event.message().equals(message)) {
                matching.add(event);
            }
        }
        return matching;
    }

    private List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (CapturedEvent event : events) {
            messages.add(event.message());
        }
        return messages;
    }
}
