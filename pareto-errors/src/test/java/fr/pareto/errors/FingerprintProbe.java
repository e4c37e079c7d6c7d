package fr.pareto.errors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Throws one failure through a lambda, a JDK dynamic proxy and a reflective call, and prints its
 * fingerprint. Run in a forked JVM, it shows that fingerprints survive a restart.
 */
public final class FingerprintProbe {

    /** Something to call through a dynamic proxy. */
    public interface Service {
        void work();
    }

    private FingerprintProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Make extra lambdas first so that lambda class counters differ from the test JVM's.
        List<Supplier<String>> noise = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args.length > 0 ? args[0] : "0"); i++) {
            int n = i;
            noise.add(() -> "noise" + n);
        }
        try (ErrorTracker tracker = newTracker()) {
            System.out.println("fingerprint=" + tracker.fingerprint(failureOnNewThread()) + " noise=" + noise.size());
        }
    }

    static ErrorTracker newTracker() {
        return ErrorTracker.builder().name("probe").applicationPackages("fr.pareto.errors").flushOnExit(false).build();
    }

    /**
     * Returns the failure of {@link #failure()} raised on a new thread, so that the frames below
     * it are the same whoever calls this method.
     */
    static Throwable failureOnNewThread() throws InterruptedException {
        Throwable[] result = new Throwable[1];
        Thread thread = new Thread(() -> result[0] = failure(), "probe");
        thread.start();
        thread.join();
        return result[0];
    }

    /** Returns the failure thrown by {@link #fail()} when reached through a lambda, a proxy and reflection. */
    static Throwable failure() {
        Service service = (Service) Proxy.newProxyInstance(FingerprintProbe.class.getClassLoader(),
                new Class<?>[] {Service.class}, (proxy, method, methodArgs) -> {
                    Runnable task = () -> invokeReflectively();
                    task.run();
                    return null;
                });
        try {
            service.work();
            throw new AssertionError("the probe did not fail");
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static void invokeReflectively() {
        try {
            Method method = FingerprintProbe.class.getDeclaredMethod("fail");
            method.invoke(null);
        } catch (InvocationTargetException e) {
            throw (IllegalStateException) e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unused")
    private static void fail() {
        throw new IllegalStateException("probe failure " + System.nanoTime());
    }
}
