package fr.pareto.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorWrappersTest {

    private final ErrorTracker tracker = ErrorTracker.builder().name("executors-test").flushOnExit(false).build();

    @AfterEach
    void close() {
        tracker.close();
    }

    @Test
    void wrappedRunnableCapturesAndRethrows() {
        Runnable task = tracker.wrap((Runnable) () -> {
            throw new IllegalStateException("runnable failed");
        });

        assertThatThrownBy(task::run).isInstanceOf(IllegalStateException.class).hasMessage("runnable failed");
        assertThat(tracker.stats().recorded()).isEqualTo(1);
    }

    @Test
    void wrappedCallableCapturesCheckedExceptions() {
        Callable<String> task = tracker.wrap(() -> {
            throw new java.io.IOException("callable failed");
        });

        assertThatThrownBy(task::call).isInstanceOf(java.io.IOException.class);
        assertThat(tracker.groups()).singleElement().extracting(ErrorGroup::type).isEqualTo("java.io.IOException");
    }

    @Test
    void submitCapturesWhatFutureHides() throws Exception {
        ExecutorService service = tracker.wrap(Executors.newSingleThreadExecutor());
        try {
            Future<?> runnable = service.submit(() -> {
                throw new IllegalStateException("hidden in future 1");
            });
            Future<String> callable = service.submit(() -> {
                if (true) {
                    throw new IllegalArgumentException("hidden in future 2");
                }
                return "never";
            });
            assertThatThrownBy(runnable::get).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(callable::get).isInstanceOf(ExecutionException.class);

            List<Future<Object>> all = service.invokeAll(List.of(() -> {
                throw new UnsupportedOperationException("hidden in invokeAll");
            }));
            assertThat(all).hasSize(1);

            assertThat(tracker.stats().recorded()).isEqualTo(3);
        } finally {
            service.shutdown();
            assertThat(service.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void executeOnWrappedExecutorCapturesOnce() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable);
            thread.setUncaughtExceptionHandler((t, e) -> tracker.capture(e));
            return thread;
        });
        try {
            tracker.wrap((java.util.concurrent.Executor) pool).execute(() -> {
                throw new IllegalStateException("thrown in execute");
            });

            await().untilAsserted(() -> assertThat(tracker.stats().duplicates()).isEqualTo(1));
            assertThat(tracker.stats().recorded()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void scheduledTasksCaptureWhatTheyThrow() throws Exception {
        ScheduledExecutorService scheduler = tracker.wrap(Executors.newSingleThreadScheduledExecutor());
        try {
            ScheduledFuture<?> once = scheduler.schedule(() -> {
                throw new IllegalStateException("scheduled once");
            }, 1, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(() -> {
                throw new IllegalArgumentException("periodic");
            }, 1, 1, TimeUnit.MILLISECONDS);

            assertThatThrownBy(() -> once.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> periodic.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(tracker.groups()).extracting(ErrorGroup::type)
                    .containsExactlyInAnyOrder("java.lang.IllegalStateException", "java.lang.IllegalArgumentException");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void completableFutureFailureIsCapturedUnwrapped() {
        CompletableFuture<String> future = tracker.track(CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("async failed");
        }));

        assertThatThrownBy(future::join).hasCauseInstanceOf(IllegalStateException.class);
        await().untilAsserted(() -> assertThat(tracker.groups()).singleElement()
                .extracting(ErrorGroup::type).isEqualTo("java.lang.IllegalStateException"));
    }
}
