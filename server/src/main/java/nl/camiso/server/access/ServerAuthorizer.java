package nl.camiso.server.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.identity.Role;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.Organisation;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Decision;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server's one authorizer: decides every {@link Operation} for every {@link Principal}. The
 * collection rules ({@link AccessRules}) say who reads and writes which collection; this class
 * adds the roles and the organisation's place in the network, and answers with the one refusal
 * mapping of {@link Decision}:
 * <ul>
 *   <li>without credentials, every "no" is 401 with the challenge: logging in may help, and the
 *       answer neither confirms nor denies that the target exists;</li>
 *   <li>an API root, collection or status resource the principal may not know of: 404, the answer
 *       for one that does not exist;</li>
 *   <li>a visible target, or a server-wide operation, the principal may not do: 403 with the reason.</li>
 * </ul>
 * Who may do what is tabled in the README ("Who may do what") and tested by {@code AuthorizerTest}.
 */
public final class ServerAuthorizer implements Authorizer<Principal> {

    /** What a request without credentials may try; everything else asks for credentials. */
    static final Set<Operation> ANONYMOUS_MAY_TRY = EnumSet.of(Operation.READ_API_ROOT, Operation.READ_COLLECTION,
            Operation.READ_OBJECTS, Operation.READ_MANIFEST, Operation.READ_VERSIONS, Operation.READ_FEED);

    private static final Decision LOG_IN = Decision.unauthenticated(AuthFilter.CHALLENGE,
            "Authentication is required (HTTP Basic or a Bearer token).");

    private static final Decision FEEDS_ONLY = Decision.forbidden(
            "A feed key only reads feeds (/{api-root}/x-camiso/feeds/...); use the account's password or a token here.");

    private final AccessRules rules;
    private final CollectionSettings settings;
    private final Supplier<NetworkSnapshot> network;

    /**
     * @param settings where the rules find a collection's initiative (forwarding)
     * @param network  organisations and their roles, as the database has them now
     */
    public ServerAuthorizer(AccessRules rules, CollectionSettings settings, Supplier<NetworkSnapshot> network) {
        this.rules = rules;
        this.settings = settings;
        this.network = network;
    }

    public ServerAuthorizer(AccessRules rules, CollectionSettings settings, Network network) {
        this(rules, settings, network::current);
    }

    /** Without a sharing network: operations that need an organisation's role are refused. */
    public static ServerAuthorizer withoutNetwork(AccessRules rules) {
        return new ServerAuthorizer(rules, c -> Optional.empty(), () -> NetworkSnapshot.EMPTY);
    }

    @Override
    public Principal principal(ContainerRequestContext request) {
        return Principal.current(request);
    }

    @Override
    public Decision decide(Principal principal, Operation operation, Target target) {
        if (operation.scope() != target.scope()) {
            throw new IllegalArgumentException(operation + " does not act on a " + target);
        }
        if (principal.feedKeyId() != null && operation != Operation.READ_FEED) {
            return FEEDS_ONLY; // a feed key reads feeds with its account's rights, and does nothing else
        }
        if (!principal.isAuthenticated()) {
            return ANONYMOUS_MAY_TRY.contains(operation) && decideFor(principal, operation, target).isAllowed()
                    ? Decision.allowed() : LOG_IN;
        }
        return decideFor(principal, operation, target);
    }

    private Decision decideFor(Principal p, Operation operation, Target target) {
        return switch (operation) {
            case READ_DISCOVERY -> Decision.allowed();
            case READ_API_ROOT, READ_ACTIONS -> hiddenUnless(rules.seesApiRoot(p, target.apiRoot()));
            case READ_STATUS -> hiddenUnless(rules.readsStatus(p, target.statusOwner()));
            case READ_AUDIT -> p.hasRole(Role.SUPERVISOR) || p.hasRole(Role.ADMIN) ? Decision.allowed()
                    : Decision.forbidden("Only supervisors and administrators may read the audit trail.");
            case ADMINISTER -> p.hasRole(Role.ADMIN) ? Decision.allowed()
                    : Decision.forbidden("The administration API is for admin accounts only.");
            case ISSUE_TOKEN -> p.byPassword() ? Decision.allowed()
                    : Decision.forbidden("A token cannot be renewed with a token: authenticate with the"
                    + " account's password (HTTP Basic) to get a new one.");
            case GIVE_CONSENT -> collection(p, operation, target.collection(), organisation(p).isPresent(),
                    "Only an account of an organisation may give or withdraw consent.");
            case FORWARD_FROM -> collection(p, operation, target.collection(), forwardsFrom(p, target.collection()),
                    "Only the organisation running the initiative of the reporting collection, or an"
                            + " intermediary, may forward its sightings.");
            case READ_COLLECTION, READ_OBJECTS, READ_MANIFEST, READ_VERSIONS, ADD_OBJECTS, DELETE_OBJECTS,
                    READ_FEED, RELEASE_FROM, RELEASE_TO, FORWARD_TO ->
                    collection(p, operation, target.collection(), true, null);
        };
    }

    /** The collection case, then a condition on the principal's organisation (403 when it fails). */
    private Decision collection(Principal p, Operation operation, CollectionInfo c, boolean condition, String unless) {
        Decision d = CollectionAccess.decide(operation, rules.reads(p, c), rules.writes(p, c));
        return d.isAllowed() && !condition ? Decision.forbidden(unless) : d;
    }

    private static Decision hiddenUnless(boolean visible) {
        return visible ? Decision.allowed() : Decision.hidden();
    }

    private Optional<Organisation> organisation(Principal p) {
        return p.organisation() == null ? Optional.empty() : network.get().organisation(p.organisation());
    }

    /** Sightings are forwarded by the organisation running the collection's initiative, or by an intermediary. */
    private boolean forwardsFrom(Principal p, CollectionInfo from) {
        Optional<Organisation> org = organisation(p);
        if (org.isEmpty()) {
            return false;
        }
        if (org.get().role() == OrganisationConfig.Role.INTERMEDIARY) {
            return true;
        }
        Optional<String> initiative = settings.of(from).map(CollectionConfig::initiative);
        return initiative.flatMap(i -> network.get().runnerOf(i)).filter(org.get().name()::equals).isPresent();
    }
}
