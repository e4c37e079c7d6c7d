package fr.pareto.errors.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns class and method names into forms that survive a restart or a rebuild, and decides which
 * frames belong to the application.
 *
 * <p>Generated classes (lambda proxies, CGLIB, ByteBuddy and javassist proxies, reflective
 * accessors, {@code $Proxy} classes, hidden classes) return {@code null}: their frames are left
 * out of fingerprints because their names carry counters and addresses. Anonymous class numbers
 * ({@code Service$1}) and lambda body numbers ({@code lambda$work$1}) are removed.
 *
 * <p>Thread-safe. Results for class names are cached; the cache is cleared when it holds more
 * than {@value #MAX_CACHED_CLASSES} names, so memory stays bounded.
 */
public final class FrameNormalizer {

    private static final int MAX_CACHED_CLASSES = 8192;

    /** Packages treated as libraries when the user names no application package. */
    private static final List<String> LIBRARY_PREFIXES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "kotlinx.", "scala.",
            "org.slf4j.", "ch.qos.logback.", "org.apache.", "org.eclipse.jetty.", "org.springframework.",
            "io.netty.", "io.undertow.", "io.micrometer.", "io.sentry.", "com.fasterxml.", "org.hibernate.",
            "org.junit.", "org.openjdk.jmh.", "reactor.", "io.reactivex.", "com.zaxxer.", "org.postgresql.",
            "org.glassfish.", "net.bytebuddy.", "org.aspectj.",
            // This library's own modules only: Pareto's applications live under fr.pareto too.
            "fr.pareto.errors.", "fr.pareto.logging.", "fr.pareto.alerting.", "fr.pareto.health.");

    /** Sentinel stored in the cache for generated classes, since the map cannot hold null. */
    private static final ClassInfo GENERATED = new ClassInfo("", false, 0);

    /**
     * The normalized form of one class name, with its in-app flag and hash.
     *
     * @param normalized the stable name, empty for a generated class
     * @param inApp whether the class belongs to the application
     * @param hash {@link Fingerprinter#partHash(String)} of the stable name, computed once
     */
    record ClassInfo(String normalized, boolean inApp, long hash) {
    }

    private final List<String> applicationPackages;
    private final Map<String, ClassInfo> classes = new ConcurrentHashMap<>();

    /**
     * Creates a normalizer.
     *
     * @param applicationPackages package names whose classes are in-app, such as {@code com.acme};
     *     when empty, every class outside well-known library packages is in-app
     */
    public FrameNormalizer(List<String> applicationPackages) {
        this.applicationPackages = applicationPackages.stream().map(p -> p + ".").toList();
    }

    /** Returns the stable form of a class name, or {@code null} for a generated class. */
    public String className(String className) {
        ClassInfo info = classInfo(className);
        return info == GENERATED ? null : info.normalized();
    }

    /** Returns whether the class belongs to the application; false for generated classes. */
    public boolean isInApp(String className) {
        return classInfo(className).inApp();
    }

    /** Returns what is known about an in-app class, or {@code null} for a library or generated class. */
    ClassInfo inAppClass(String className) {
        ClassInfo info = classInfo(className);
        return info.inApp() ? info : null;
    }

    /** Returns the method name without lambda or accessor counters: {@code lambda$work$1} becomes {@code lambda$work}. */
    public static String methodName(String methodName) {
        int dollar = methodName.indexOf('$');
        if (dollar < 0) {
            return methodName;
        }
        return stripNumericSegments(methodName);
    }

    private ClassInfo classInfo(String className) {
        ClassInfo info = classes.get(className);
        if (info != null) {
            return info;
        }
        info = computeClassInfo(className);
        if (classes.size() >= MAX_CACHED_CLASSES) {
            classes.clear();
        }
        classes.put(className, info);
        return info;
    }

    private ClassInfo computeClassInfo(String className) {
        if (isGenerated(className)) {
            return GENERATED;
        }
        String normalized = className.indexOf('$') < 0 ? className : stripNumericSegments(className);
        return new ClassInfo(normalized, inApp(normalized), Fingerprinter.partHash(normalized));
    }

    private boolean inApp(String className) {
        if (!applicationPackages.isEmpty()) {
            for (String prefix : applicationPackages) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
        for (String prefix : LIBRARY_PREFIXES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether a class name is one that a code generator or the JVM made up at run time. */
    static boolean isGenerated(String className) {
        if (className.contains("$$Lambda")              // lambda proxies: Foo$$Lambda$30/0x0000000800c0b000
                || className.contains("/0x")            // other hidden classes
                || className.contains("$$EnhancerBy")   // CGLIB: Foo$$EnhancerBySpringCGLIB$$a1b2
                || className.contains("$$FastClassBy")
                || className.contains("$$SpringCGLIB$$")
                || className.contains("$ByteBuddy$")
                || className.contains("$MockitoMock$")
                || className.contains("$HibernateProxy$")
                || className.contains("_$$_jvst")) {     // javassist
            return true;
        }
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        return simpleName.startsWith("$Proxy")
                || simpleName.startsWith("GeneratedMethodAccessor")
                || simpleName.startsWith("GeneratedConstructorAccessor")
                || simpleName.startsWith("GeneratedSerializationConstructorAccessor");
    }

    /** Removes the digits of every {@code $}-separated segment made only of digits: {@code A$1$B$12} becomes {@code A$$B$}. */
    private static String stripNumericSegments(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int start = 0;
        while (start <= name.length()) {
            int end = name.indexOf('$', start);
            if (end < 0) {
                end = name.length();
            }
            if (start > 0) {
                out.append('$');
            }
            if (!isDigits(name, start, end)) {
                out.append(name, start, end);
            }
            start = end + 1;
        }
        // Drop the separator left by a trailing counter so lambda$work$1 reads lambda$work.
        int length = out.length();
        if (length > 1 && out.charAt(length - 1) == '$' && name.charAt(name.length() - 1) != '$') {
            out.setLength(length - 1);
        }
        return out.toString();
    }

    private static boolean isDigits(String text, int start, int end) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
