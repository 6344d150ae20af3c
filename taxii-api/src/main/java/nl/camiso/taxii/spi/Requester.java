package nl.camiso.taxii.spi;

/**
 * Who is making a request. The server's authentication filter puts one on every request
 * (property {@link #PROPERTY} of the JAX-RS request context) before any TAXII resource runs;
 * an anonymous requester is used where anonymous access is allowed.
 */
public interface Requester {

    /** Request-context property holding the {@link Requester}. */
    String PROPERTY = "camiso.requester";

    /** Account name; "anonymous" for an unauthenticated requester. */
    String name();

    boolean isAuthenticated();
}
