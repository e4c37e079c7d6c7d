package fr.pareto.logging;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Base of the event helpers: a logger plus the {@code module} field that every event it writes
 * carries. A team adds helpers for its own module by extending it:
 *
 * <pre>{@code
 * public final class CheckoutEvents extends EventLogger {
 *     public CheckoutEvents(Logger logger) {
 *         super(logger, "checkout");
 *     }
 *
 *     public void orderPlaced(String orderId, long amountCents) {
 *         if (!logger().isInfoEnabled()) {
 *             return; // costs one level check and allocates nothing when INFO is off
 *         }
 *         event(Level.INFO)
 *                 .addKeyValue("order_id", orderId)
 *                 .addKeyValue("amount_cents", amountCents)
 *                 .log("order placed");
 *     }
 * }
 * }</pre>
 *
 * <p>Conventions: a fixed lower-case message naming what happened ({@code "order placed"}),
 * snake_case field names, numbers as numbers, units in the name ({@code duration_ms}), the level
 * checked before anything is built, and throwables passed with {@code setCause} so they go to
 * {@code error} and {@code stack_trace}. Field names of {@link LogFields#RESERVED} are renamed by
 * the encoder, so pick others.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class EventLogger {

    private final Logger logger;
    private final String module;

    /**
     * Creates a helper writing through {@code logger} with {@code module} on every event.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code module} is blank
     */
    protected EventLogger(Logger logger, String module) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.module = Objects.requireNonNull(module, "module");
        if (module.isBlank()) {
            throw new IllegalArgumentException("Invalid module '" + module + "': use a short name such as 'api'");
        }
    }

    /** Returns the logger named after {@code owner}, for subclasses' factories. */
    protected static Logger loggerFor(Class<?> owner) {
        return LoggerFactory.getLogger(Objects.requireNonNull(owner, "owner"));
    }

    /** Returns the logger events are written through. */
    public final Logger logger() {
        return logger;
    }

    /** Returns the value of the {@code module} field. */
    public final String module() {
        return module;
    }

    /**
     * Starts an event at {@code level} with the {@code module} field set. Check the level first:
     * this method builds the event even when the level is off.
     */
    protected final LoggingEventBuilder event(Level level) {
        return logger.makeLoggingEventBuilder(level).addKeyValue(LogFields.MODULE, module);
    }
}
