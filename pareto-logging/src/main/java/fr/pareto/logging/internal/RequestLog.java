package fr.pareto.logging.internal;

import fr.pareto.logging.ApiEvents;
import fr.pareto.logging.LogFields;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/** Request ids, MDC handling and the final event, shared by both request-logging filters. */
public final class RequestLog {

    /** Header that carries the request id in and out. */
    public static final String HEADER = "X-Request-Id";
    /** Name of the logger the filters write through unless given one. */
    public static final String LOGGER_NAME = "fr.pareto.logging.requests";
    /** Maximum length of a request id accepted from a client. */
    public static final int MAX_ID_LENGTH = 128;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestLog() {
    }

    /**
     * Returns {@code header} when it is a valid request id, a new id otherwise. Valid: 1 to
     * {@value #MAX_ID_LENGTH} characters, each an ASCII letter or digit or one of {@code - _ . : + / =}
     * (enough for UUIDs, ULIDs, hex and base64 ids, and safe in logs and headers).
     */
    public static String idFrom(String header) {
        return isValidId(header) ? header : newId();
    }

    /** Returns whether {@code id} is a request id this library accepts from a client. */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Returns 32 random lower-case hex digits (128 bits, not for security use). */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }

    /** Puts {@code id} in MDC as {@code request_id}; returns the value it replaced, or null. */
    public static String enter(String id) {
        String previous = MDC.get(LogFields.REQUEST_ID);
        MDC.put(LogFields.REQUEST_ID, id);
        return previous;
    }

    /** Restores the MDC {@code request_id} that {@link #enter(String)} replaced. */
    public static void exit(String previous) {
        if (previous == null) {
            MDC.remove(LogFields.REQUEST_ID);
        } else {
            MDC.put(LogFields.REQUEST_ID, previous);
        }
    }

    /** Writes {@code request handled}, catching any runtime exception because it runs on the request thread. */
    public static void handled(ApiEvents events, String method, String path, int status, long startNanos) {
        try {
            events.requestHandled(method, path, status, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (RuntimeException e) {
            // NOTE: Logback appenders already swallow their own failures; this guards custom SLF4J bindings.
        }
    }
}
