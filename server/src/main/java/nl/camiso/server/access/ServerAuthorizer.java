package nl.camiso.server.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.server.auth.AnonymousRequester;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.auth.FeedKeyRequester;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Decision;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

import java.util.EnumSet;
import java.util.Set;

/**
 * The server's one authorizer: decides every {@link Operation} for every principal. The collection
 * rules ({@link AccessRules}) say who reads and writes what; this class turns them, the
 * principal's roles and organisation into a {@link Decision} with the one refusal mapping:
 * a request without credentials gets 401 with the challenge (credentials would help), a target the
 * principal may not know of 404, a visible target 403.
 */
public final class ServerAuthorizer implements Authorizer<Requester> {

    /** What a request without credentials may try; everything else asks for credentials. */
    static final Set<Operation> ANONYMOUS_MAY_TRY = EnumSet.of(Operation.READ_API_ROOT, Operation.READ_COLLECTION,
            Operation.READ_OBJECTS, Operation.READ_MANIFEST, Operation.READ_VERSIONS, Operation.READ_FEED);

    private static final Decision LOG_IN = Decision.unauthenticated(AuthFilter.CHALLENGE,
            "Authentication is required (HTTP Basic or a Bearer token).");

    private static final Decision FEEDS_ONLY = Decision.forbidden(
            "A feed key only reads feeds (/{api-root}/x-camiso/feeds/...); use the account's password or a token here.");

    private final AccessRules rules;

    public ServerAuthorizer(AccessRules rules) {
        this.rules = rules;
    }

    @Override
    public Requester principal(ContainerRequestContext request) {
        return request.getProperty(Requester.PROPERTY) instanceof Requester r ? r : AnonymousRequester.INSTANCE;
    }

    @Override
    public Decision decide(Requester principal, Operation operation, Target target) {
        if (operation.scope() != target.scope()) {
            throw new IllegalArgumentException(operation + " does not act on a " + target);
        }
        if (principal instanceof FeedKeyRequester key) {
            // a feed key reads feeds with its account's rights, and does nothing else
            return operation == Operation.READ_FEED ? decide(key.account(), operation, target) : FEEDS_ONLY;
        }
        Decision d = decideAuthenticated(principal, operation, target);
        // without credentials, any "no" is "log in": it neither confirms nor denies that the target exists
        if (!principal.isAuthenticated() && !d.isAllowed()) {
            return LOG_IN;
        }
        return d;
    }

    private Decision decideAuthenticated(Requester principal, Operation operation, Target target) {
        if (!principal.isAuthenticated() && !ANONYMOUS_MAY_TRY.contains(operation)) {
            return LOG_IN;
        }
        return switch (operation.scope()) {
            case SERVER -> Decision.allowed();
            case API_ROOT -> rules.canSeeApiRoot(principal, target.apiRoot()) ? Decision.allowed() : Decision.hidden();
            case STATUS -> rules.canReadStatus(principal, target.statusOwner()) ? Decision.allowed() : Decision.hidden();
            case COLLECTION -> collection(principal, operation, target.collection());
        };
    }

    private Decision collection(Requester principal, Operation operation, CollectionInfo c) {
        return CollectionAccess.decide(operation, rules.canRead(principal, c), rules.canWrite(principal, c));
    }
}
