package nl.camiso.server.http;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import org.glassfish.grizzly.http.server.Request;

/**
 * Reads the client's address once per request, before authentication, and keeps it as a request
 * property: the login audit, the request audit and the sightings forwarder all name the same
 * address, and none of them depends on Grizzly.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class ClientAddress implements ContainerRequestFilter {

    private static final String PROPERTY = "camiso.client_address";

    @Context
    private Provider<Request> grizzlyRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String address = null;
        try {
            Request r = grizzlyRequest == null ? null : grizzlyRequest.get();
            address = r == null ? null : r.getRemoteAddr();
        } catch (RuntimeException e) {
            // not running in Grizzly (an in-memory test container): no address to give
        }
        if (address != null) {
            request.setProperty(PROPERTY, address);
        }
    }

    /** The address of the client that sent this request, or null where the container does not tell. */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String s ? s : null;
    }
}
