package nl.camiso.server.access;

import nl.camiso.server.access.AccessRule.Access;
import nl.camiso.server.access.AccessRule.Vote;
import nl.camiso.server.accounts.Role;
import nl.camiso.server.auth.AccountRequester;
import nl.camiso.server.ingest.IngestRules;
import nl.camiso.stix.StixObject;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IngestVerdict;
import nl.camiso.taxii.spi.Requester;

import java.util.List;

/**
 * The single access decision point of the server ({@link AccessPolicy}). Every endpoint asks
 * it; it asks its {@link AccessRule}s: any DENY wins, else any ALLOW, else denied (closed by
 * default). Anonymous requesters get nothing unless a rule explicitly allows it.
 */
public final class AccessRules implements AccessPolicy {

    private final Catalog catalog;
    private final List<AccessRule> rules;
    /** What may be added beyond the right to write (TLP, references); null accepts every valid object. */
    private final IngestRules ingest;

    public AccessRules(Catalog catalog, List<AccessRule> rules) {
        this(catalog, rules, null);
    }

    private AccessRules(Catalog catalog, List<AccessRule> rules, IngestRules ingest) {
        this.catalog = catalog;
        this.rules = List.copyOf(rules);
        this.ingest = ingest;
    }

    /** The same rules, with {@code ingest} deciding which valid objects a collection accepts. */
    public AccessRules withIngestRules(IngestRules ingest) {
        return new AccessRules(catalog, rules, ingest);
    }

    /** The rules of the TAXII server issue: admin role, then explicit grants. */
    public static AccessRules standard(Catalog catalog) {
        return new AccessRules(catalog, List.of(new AdminRule(), new GrantRule()));
    }

    /**
     * The sharing-network rules: admin role; supervisors see no threat data (DENY);
     * public CLEAR collections for anyone; read and write derived from membership, clearance and
     * RED accounts ({@link NetworkRule}); explicit grants as an override for service accounts.
     */
    public static AccessRules network(ConfiguredCatalog catalog, Network network) {
        CollectionSettings settings = CollectionSettings.from(catalog);
        return new AccessRules(catalog, List.of(new AdminRule(), new SupervisorRule(network),
                new PublicRule(settings), new NetworkRule(settings, network), new GrantRule()));
    }

    @Override
    public boolean canSeeApiRoot(Requester requester, ApiRootInfo apiRoot) {
        if (isAdmin(requester)) {
            return true;
        }
        if (requester instanceof AccountRequester a
                && a.account().grants().stream().anyMatch(g -> g.apiRoot().equals(apiRoot.name()))) {
            return true;
        }
        return catalog.collections(apiRoot.name()).stream()
                .anyMatch(c -> canRead(requester, c) || canWrite(requester, c));
    }

    @Override
    public boolean canRead(Requester requester, CollectionInfo collection) {
        return decide(requester, collection, Access.READ);
    }

    @Override
    public boolean canWrite(Requester requester, CollectionInfo collection) {
        return decide(requester, collection, Access.WRITE);
    }

    @Override
    public boolean canReadStatus(Requester requester, String statusOwner) {
        return requester.isAuthenticated() && (requester.name().equals(statusOwner) || isAdmin(requester));
    }

    @Override
    public IngestVerdict ingestVerdict(Requester requester, CollectionInfo collection, StixObject object,
                                       List<StixObject> envelope) {
        return ingest == null ? IngestVerdict.accept() : ingest.verdict(this, requester, collection, object, envelope);
    }

    private boolean decide(Requester requester, CollectionInfo collection, Access access) {
        boolean allowed = false;
        for (AccessRule rule : rules) {
            Vote v = rule.vote(requester, collection, access);
            if (v == Vote.DENY) {
                return false;
            }
            allowed |= v == Vote.ALLOW;
        }
        return allowed;
    }

    static boolean isAdmin(Requester requester) {
        return requester instanceof AccountRequester a && a.account().hasRole(Role.ADMIN);
    }
}
