package nl.camiso.taxii.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Requester;

/**
 * The TAXII operations decided from an {@link AccessPolicy}'s yes/no answers: for a server that
 * has no authorizer of its own (and for the protocol layer's tests). API roots and status
 * resources the policy does not show are hidden; collections follow
 * {@link CollectionAccess#decide(Operation, boolean, boolean)}. It knows no extension operation
 * and issues no challenge: authentication is the server's.
 */
public final class PolicyAuthorizer implements Authorizer<Requester> {

    /** Used when the server's authentication filter set no requester. */
    public static final Requester ANONYMOUS = new Requester() {
        @Override
        public String name() {
            return "anonymous";
        }

        @Override
        public boolean isAuthenticated() {
            return false;
        }
    };

    private final AccessPolicy policy;

    public PolicyAuthorizer(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Requester principal(ContainerRequestContext request) {
        return request.getProperty(Requester.PROPERTY) instanceof Requester r ? r : ANONYMOUS;
    }

    @Override
    public Decision decide(Requester requester, Operation operation, Target target) {
        return switch (operation) {
            case READ_DISCOVERY -> Decision.allowed();
            case READ_API_ROOT -> policy.canSeeApiRoot(requester, target.apiRoot()) ? Decision.allowed() : Decision.hidden();
            case READ_STATUS -> policy.canReadStatus(requester, target.statusOwner()) ? Decision.allowed() : Decision.hidden();
            case READ_COLLECTION, READ_OBJECTS, READ_MANIFEST, READ_VERSIONS, ADD_OBJECTS, DELETE_OBJECTS ->
                    CollectionAccess.decide(operation, policy.canRead(requester, target.collection()),
                            policy.canWrite(requester, target.collection()));
            default -> Decision.forbidden("This server does not offer " + operation.label() + ".");
        };
    }
}
