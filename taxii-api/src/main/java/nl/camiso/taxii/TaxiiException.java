package nl.camiso.taxii;

import java.util.Map;

/**
 * Any failure that must reach the client as a TAXII error resource (§3.6.1) with the given HTTP
 * status. Thrown by resources and by the server's filters (authentication included); the
 * protocol layer's exception mapper writes it with the TAXII media type.
 *
 * @see #headers() extra response headers, e.g. {@code WWW-Authenticate} on 401
 */
public class TaxiiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String description;
    private final Map<String, String> headers;

    public TaxiiException(int status, String title, String description) {
        this(status, title, description, Map.of());
    }

    public TaxiiException(int status, String title, String description, Map<String, String> headers) {
        super(status + " " + title + (description == null ? "" : ": " + description));
        this.status = status;
        this.title = title;
        this.description = description;
        this.headers = Map.copyOf(headers);
    }

    /** 400: the request is malformed; {@code why} says how. */
    public static TaxiiException badRequest(String why) {
        return new TaxiiException(400, "Bad Request", why);
    }

    /** 403: the requester sees the resource but lacks the right. */
    public static TaxiiException forbidden(String why) {
        return new TaxiiException(403, "Forbidden", why);
    }

    /** 404 that never tells "absent" from "not yours to see". */
    public static TaxiiException notFound(String what) {
        return new TaxiiException(404, "Not Found", "No such " + what + ", or you may not see it.");
    }

    /** Seconds a client should wait after a 503 caused by load (a pool, a slot, the identity provider). */
    public static final int RETRY_AFTER_SECONDS = 10;

    /**
     * 503 with {@code Retry-After}: the server is overloaded or cannot reach something it needs
     * (database connections, the identity provider's keys). Never 401: a firewall whose block
     * list answers 401 stops enforcing it, and a client must not mistake load for bad credentials.
     */
    public static TaxiiException unavailable(String why) {
        return new TaxiiException(503, "Service Unavailable", why, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Optional human-readable detail; null when absent. Must never reveal data the requester may not see. */
    public String description() {
        return description;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
