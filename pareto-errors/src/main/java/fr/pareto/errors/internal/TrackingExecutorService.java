package fr.pareto.errors.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * An executor service that wraps every task before handing it to the delegate, so that tasks
 * capture what they throw even when {@code submit} keeps the exception inside a future.
 * Lifecycle calls go straight to the delegate.
 */
public class TrackingExecutorService implements ExecutorService {

    private final ExecutorService delegate;
    private final UnaryOperator<Runnable> runnables;
    private final CallableWrapper callables;

    /** Wraps callables; a named interface because a generic method cannot be a lambda's target. */
    public interface CallableWrapper {
        /** Returns the wrapped task. */
        <T> Callable<T> wrap(Callable<T> task);
    }

    /** Creates a service that wraps runnables and callables with the given functions. */
    public TrackingExecutorService(ExecutorService delegate, UnaryOperator<Runnable> runnables,
                                   CallableWrapper callables) {
        this.delegate = delegate;
        this.runnables = runnables;
        this.callables = callables;
    }

    /** Returns the wrapped runnable. */
    protected Runnable wrap(Runnable task) {
        return runnables.apply(task);
    }

    /** Returns the wrapped callable. */
    protected <T> Callable<T> wrap(Callable<T> task) {
        return callables.wrap(task);
    }

    private <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
        List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            wrapped.add(wrap(task));
        }
        return wrapped;
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(wrap(command));
    }

    @Override
    public Future<?> submit(Runnable task) {
        return delegate.submit(wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return delegate.submit(wrap(task), result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return delegate.submit(wrap(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "Tracking" + delegate;
    }
}
