package nl.camiso.taxii.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Requester;

/**
 * Every operation decided from an {@link AccessPolicy}'s yes/no answers alone: for a server that
 * has no authorizer of its own (and for tests). API roots ({@code read-api-root},
 * {@code read-actions}) and status resources the policy does not show are hidden; every operation
 * on a collection follows {@link CollectionAccess#decide(Operation, boolean, boolean)} with the
 * policy's can_read and can_write. It knows no roles, so the server-wide operations other than
 * discovery are refused (403), and it issues no challenge: authentication is the server's.
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
            case READ_API_ROOT, READ_ACTIONS ->
                    policy.canSeeApiRoot(requester, target.apiRoot()) ? Decision.allowed() : Decision.hidden();
            case READ_STATUS -> policy.canReadStatus(requester, target.statusOwner()) ? Decision.allowed() : Decision.hidden();
            case READ_AUDIT, ADMINISTER, ISSUE_TOKEN ->
                    Decision.forbidden("This server does not offer " + operation.label() + ".");
            default -> CollectionAccess.decide(operation, policy.canRead(requester, target.collection()),
                    policy.canWrite(requester, target.collection()));
        };
    }
}
