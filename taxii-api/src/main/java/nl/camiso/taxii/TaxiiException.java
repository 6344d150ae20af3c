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
