package nl.camiso.server.network;

import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.InitiativeConfig;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.access.Decision.Outcome;
import nl.camiso.taxii.access.Operation;

import java.util.List;

/**
 * Who may do what, written for the zero-leak tests from domain.md's table, the documented write
 * rule and the README's "Who may do what", independent of the server's rules and authorizer: the
 * tests compare the server's answers with this oracle, so a bug in the rules cannot hide behind
 * the same bug here. Every operation is decided here through the one refusal mapping
 * ({@link #decide}): without credentials 401, a target one may not know of 404, else 403.
 */
final class AccessOracle {

    /** The account name the tests use for requests without credentials. */
    static final String ANONYMOUS = "(anonymous)";

    private final CamisoConfig config;

    AccessOracle(CamisoConfig config) {
        this.config = config;
    }

    String organisationOf(String account) {
        return config.account(account).map(AccountConfig::organisation).orElse(null);
    }

    boolean hasRole(String account, String role) {
        return config.account(account).map(a -> a.roles().stream().anyMatch(r -> r.label().equals(role))).orElse(false);
    }

    OrganisationConfig.Role roleOf(String organisation) {
        return config.organisations().stream().filter(o -> o.name().equals(organisation)).findFirst()
                .map(OrganisationConfig::role).orElse(null);
    }

    private InitiativeConfig initiative(String name) {
        return config.initiatives().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /** The TLP level up to which an organisation reads an initiative's collections; null for non-members. */
    Tlp clearance(String organisation, String initiativeName) {
        InitiativeConfig i = initiative(initiativeName);
        if (i.organisation().equals(organisation)) {
            return Tlp.AMBER_STRICT;
        }
        return i.members().stream().filter(m -> m.organisation().equals(organisation)).findFirst()
                .map(InitiativeConfig.Member::clearance).orElse(null);
    }

    boolean mayRead(String account, CollectionConfig c) {
        if (account.equals(ANONYMOUS)) {
            return c.isPublic();
        }
        if (hasRole(account, "admin")) {
            return true;
        }
        if (hasRole(account, "supervisor")) {
            return false;
        }
        return switch (c.tlp()) {
            case CLEAR -> true;
            case RED -> c.redAccounts().contains(account);
            default -> {
                Tlp cl = clearance(organisationOf(account), c.initiative());
                yield cl != null && cl.compareTo(c.tlp()) >= 0;
            }
        };
    }

    boolean mayWrite(String account, CollectionConfig c) {
        if (account.equals(ANONYMOUS) || hasRole(account, "supervisor")) {
            return false;
        }
        if (hasRole(account, "admin")) {
            return true;
        }
        if (c.tlp() == Tlp.RED) {
            return c.redAccounts().contains(account);
        }
        String org = organisationOf(account);
        InitiativeConfig i = initiative(c.initiative());
        boolean hub = roleOf(i.organisation()) == OrganisationConfig.Role.HUB;
        if (i.organisation().equals(org)) {
            return true;
        }
        OrganisationConfig.Role role = roleOf(org);
        if (c.reporting()) {
            return clearance(org, c.initiative()) != null
                    && (!hub || role == OrganisationConfig.Role.INITIATIVE || role == OrganisationConfig.Role.INTERMEDIARY);
        }
        return hub && (role == OrganisationConfig.Role.SOURCE || role == OrganisationConfig.Role.INTERMEDIARY)
                && mayRead(account, c);
    }

    // --- every operation, through the one mapping ------------------------------------------------------

    /** What a request without credentials may try at all (the README's table). */
    private static final List<Operation> ANONYMOUS_READS = List.of(Operation.READ_API_ROOT, Operation.READ_COLLECTION,
            Operation.READ_OBJECTS, Operation.READ_MANIFEST, Operation.READ_VERSIONS, Operation.READ_FEED);

    /** An operation on a collection. */
    Outcome decide(String account, Operation op, CollectionConfig c) {
        boolean read = mayRead(account, c);
        boolean write = mayWrite(account, c);
        boolean allowed = switch (op) {
            case READ_COLLECTION -> read || write;
            case READ_OBJECTS, READ_MANIFEST, READ_VERSIONS, READ_FEED, RELEASE_FROM -> read;
            case ADD_OBJECTS, RELEASE_TO, FORWARD_TO -> write;
            case DELETE_OBJECTS -> read && write;
            case GIVE_CONSENT -> write && organisationOf(account) != null && roleOf(organisationOf(account)) != null;
            case FORWARD_FROM -> read && forwards(account, c);
            default -> throw new IllegalArgumentException(op + " is not an operation on a collection");
        };
        return outcome(account, op, allowed, read || write);
    }

    /** An operation on the API root (all test collections are in the one root, "ndn"). */
    Outcome decideApiRoot(String account, Operation op, List<CollectionConfig> collectionsOfRoot) {
        boolean visible = collectionsOfRoot.stream().anyMatch(c -> mayRead(account, c) || mayWrite(account, c));
        return switch (op) {
            case READ_API_ROOT, READ_ACTIONS -> outcome(account, op, visible, visible);
            default -> throw new IllegalArgumentException(op + " is not an operation on an API root");
        };
    }

    /** Reading the status resource of {@code owner}'s POST: its owner and admins; hidden from everyone else. */
    Outcome decideStatus(String account, String owner) {
        boolean allowed = account.equals(owner) || hasRole(account, "admin");
        return outcome(account, Operation.READ_STATUS, allowed, allowed);
    }

    /** A server-wide operation; {@code byPassword}: the request showed the password (not a token). */
    Outcome decideServer(String account, Operation op, boolean byPassword) {
        boolean allowed = switch (op) {
            case READ_DISCOVERY -> true;
            case READ_AUDIT -> hasRole(account, "supervisor") || hasRole(account, "admin");
            case ADMINISTER -> hasRole(account, "admin");
            case ISSUE_TOKEN -> byPassword;
            default -> throw new IllegalArgumentException(op + " is not a server-wide operation");
        };
        return outcome(account, op, allowed, true);
    }

    /** The one mapping: allowed; else 401 without credentials, 404 for what one may not know of, 403 otherwise. */
    private static Outcome outcome(String account, Operation op, boolean allowed, boolean visible) {
        if (account.equals(ANONYMOUS)) {
            return ANONYMOUS_READS.contains(op) && allowed ? Outcome.ALLOWED : Outcome.UNAUTHENTICATED;
        }
        return allowed ? Outcome.ALLOWED : visible ? Outcome.FORBIDDEN : Outcome.HIDDEN;
    }

    /** Sightings are forwarded by the organisation running the collection's initiative, or by an intermediary. */
    private boolean forwards(String account, CollectionConfig c) {
        String org = organisationOf(account);
        return org != null && (org.equals(initiative(c.initiative()).organisation())
                || roleOf(org) == OrganisationConfig.Role.INTERMEDIARY);
    }
}
