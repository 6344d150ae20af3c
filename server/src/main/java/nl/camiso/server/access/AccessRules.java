package nl.camiso.server.access;

import nl.camiso.server.access.AccessRule.Access;
import nl.camiso.server.access.AccessRule.Vote;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.identity.Role;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
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

    public AccessRules(Catalog catalog, List<AccessRule> rules) {
        this.catalog = catalog;
        this.rules = List.copyOf(rules);
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

    /** Whether the API root exists for this principal: it may read or write a collection in it, or holds a grant on it. */
    public boolean seesApiRoot(Principal principal, ApiRootInfo apiRoot) {
        if (principal.hasRole(Role.ADMIN)
                || principal.grants().stream().anyMatch(g -> g.apiRoot().equals(apiRoot.name()))) {
            return true;
        }
        return catalog.collections(apiRoot.name()).stream()
                .anyMatch(c -> reads(principal, c) || writes(principal, c));
    }

    /** {@code can_read} of the collection for this principal. */
    public boolean reads(Principal principal, CollectionInfo collection) {
        return decide(principal, collection, Access.READ);
    }

    /** {@code can_write} of the collection for this principal. */
    public boolean writes(Principal principal, CollectionInfo collection) {
        return decide(principal, collection, Access.WRITE);
    }

    /** A status resource: its creator's, and every admin's. */
    public boolean readsStatus(Principal principal, String statusOwner) {
        return principal.isAuthenticated() && (principal.name().equals(statusOwner) || principal.hasRole(Role.ADMIN));
    }

    // the access policy of the protocol layer's SPI: the same answers for the requester's principal

    @Override
    public boolean canSeeApiRoot(Requester requester, ApiRootInfo apiRoot) {
        return seesApiRoot(Principal.from(requester), apiRoot);
    }

    @Override
    public boolean canRead(Requester requester, CollectionInfo collection) {
        return reads(Principal.from(requester), collection);
    }

    @Override
    public boolean canWrite(Requester requester, CollectionInfo collection) {
        return writes(Principal.from(requester), collection);
    }

    @Override
    public boolean canReadStatus(Requester requester, String statusOwner) {
        return readsStatus(Principal.from(requester), statusOwner);
    }

    private boolean decide(Principal principal, CollectionInfo collection, Access access) {
        boolean allowed = false;
        for (AccessRule rule : rules) {
            Vote v = rule.vote(principal, collection, access);
            if (v == Vote.DENY) {
                return false;
            }
            allowed |= v == Vote.ALLOW;
        }
        return allowed;
    }
}
