package nl.camiso.taxii.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.taxii.spi.Requester;

/**
 * The single decision point: may this principal do this operation to this target? The TAXII
 * resources ask it through {@link CollectionAccess}; a server asks the same instance for its own
 * endpoints, so every operation is decided in one place and refused with one mapping
 * ({@link Decision}).
 *
 * @param <P> the server's principal type: what its authentication put on the request. Typed, so
 *            that the implementation never has to downcast a {@link Requester} to learn more.
 */
public interface Authorizer<P extends Requester> {

    /** The principal of a request, as the server's authentication filter left it; anonymous when none. */
    P principal(ContainerRequestContext request);

    Decision decide(P principal, Operation operation, Target target);
}
