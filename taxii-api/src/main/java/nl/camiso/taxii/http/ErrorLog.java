package nl.camiso.taxii.http;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs failures the server did not expect: one line each, with an id that the client gets in the
 * 500 body. The stack trace is logged only for the first failure of its kind (exception class
 * and the place it was thrown), so that a client repeating a request that fails cannot flood
 * the log. Nothing of the request itself (headers, body, credentials) is logged.
 */
public final class ErrorLog {

    private static final System.Logger LOG = System.getLogger(ErrorLog.class.getName());
    /** Kinds remembered; beyond this every failure is one line. */
    private static final int MAX_KINDS = 1000;
    private static final int MAX_MESSAGE = 300;
    private static final Set<String> TRACED = ConcurrentHashMap.newKeySet();

    private ErrorLog() {
    }

    /** Logs {@code e} and returns the id to give the client. */
    public static String unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        String line = "unexpected error " + id + ": " + describe(e);
        if (TRACED.size() < MAX_KINDS && TRACED.add(kind(e))) {
            LOG.log(System.Logger.Level.ERROR, line, e);
        } else {
            LOG.log(System.Logger.Level.ERROR, line + " (stack trace logged before for this kind)");
        }
        return id;
    }

    static String kind(Throwable e) {
        Throwable root = root(e);
        StackTraceElement[] trace = root.getStackTrace();
        return e.getClass().getName() + "/" + root.getClass().getName() + "@" + (trace.length == 0 ? "?" : trace[0]);
    }

    /** The root cause's class and message, on one line. */
    static String describe(Throwable e) {
        Throwable root = root(e);
        String message = root.getMessage() == null ? "" : root.getMessage();
        StringBuilder sb = new StringBuilder(root.getClass().getName()).append(": ");
        for (int i = 0; i < message.length() && i < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        if (message.length() > MAX_MESSAGE) {
            sb.append('…');
        }
        return sb.toString();
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 20 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return t;
    }
}
