package nl.camiso.server.audit;

import nl.camiso.server.identity.Principal;

/**
 * What the audit needs to know about the request being handled on this thread: who, from where,
 * and the most recent access decision. Set by {@link AuditFilter} for each request (JAX-RS runs
 * filters, resource and response filters of a synchronous request on one thread), read by the
 * auditing decorators of the authorizer and object store.
 */
public final class AuditContext {

    private static final ThreadLocal<AuditContext> CURRENT = new ThreadLocal<>();

    private final Principal requester;
    private final String remoteAddress;
    private final String method;
    private final String path;
    private volatile Denial lastDenial;

    /** A "no" of the authorizer: what was refused, on which API root / collection. */
    public record Denial(String what, String apiRoot, String collection) {
    }

    public AuditContext(Principal requester, String remoteAddress, String method, String path) {
        this.requester = requester;
        this.remoteAddress = remoteAddress;
        this.method = method;
        this.path = path;
    }

    /** The context of the request on this thread, or null outside a request. */
    public static AuditContext current() {
        return CURRENT.get();
    }

    static void begin(AuditContext context) {
        CURRENT.set(context);
    }

    static void end() {
        CURRENT.remove();
    }

    /**
     * Runs work done on this thread outside an HTTP request (e.g. {@code camiso import} on the
     * data directory) as {@code requester}, so the audit names that account and its organisation.
     *
     * @param origin where the work comes from, recorded as the remote address (e.g. "local: camiso import")
     */
    public static <T> T runAs(Principal requester, String origin, java.util.function.Supplier<T> work) {
        AuditContext previous = CURRENT.get();
        CURRENT.set(new AuditContext(requester, origin, null, null));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public Principal requester() {
        return requester;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /**
     * Notes an access decision. Only the latest one counts: the resources decide 403/404 from
     * their last check, while earlier "no"s (e.g. read denied, write allowed) may not matter.
     */
    void decided(boolean allowed, String what, String apiRoot, String collection) {
        lastDenial = allowed ? null : new Denial(what, apiRoot, collection);
    }

    /**
     * Forgets the "no"s noted so far in this request on this thread: they only filtered a list
     * (e.g. which collections to search) and refused nothing, so a 404 that follows is not a denial.
     */
    public static void listFiltered() {
        AuditContext c = current();
        if (c != null) {
            c.lastDenial = null;
        }
    }

    /** Notes a denial that an endpoint decided itself (not through the authorizer). */
    public static void denied(String what, String apiRoot, String collection) {
        AuditContext c = current();
        if (c != null) {
            c.decided(false, what, apiRoot, collection);
        }
    }

    /** The last decision if it was a denial, else null. */
    Denial lastDenial() {
        return lastDenial;
    }
}
