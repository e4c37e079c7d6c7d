package fr.pareto.errors.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A scheduled executor service that wraps every task. A periodic task that throws is captured
 * and, as the JDK specifies, not run again.
 */
public final class TrackingScheduledExecutorService extends TrackingExecutorService
        implements ScheduledExecutorService {

    private final ScheduledExecutorService delegate;

    /** Creates a service that wraps runnables and callables with the given functions. */
    public TrackingScheduledExecutorService(ScheduledExecutorService delegate, UnaryOperator<Runnable> runnables,
                                            CallableWrapper callables) {
        super(delegate, runnables, callables);
        this.delegate = delegate;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return delegate.schedule(wrap(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return delegate.schedule(wrap(callable), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return delegate.scheduleAtFixedRate(wrap(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return delegate.scheduleWithFixedDelay(wrap(command), initialDelay, delay, unit);
    }
}
