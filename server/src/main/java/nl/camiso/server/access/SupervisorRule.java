package nl.camiso.server.access;

import nl.camiso.server.identity.Role;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.network.Network;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;

/**
 * The supervisory board oversees the exchange through the audit trail and reads no threat
 * data: accounts with the supervisor role, and accounts of an organisation with the supervisor
 * role, are denied every collection (a DENY beats explicit grants), unless they are admins.
 */
public final class SupervisorRule implements AccessRule {

    private final Network network;

    public SupervisorRule(Network network) {
        this.network = network;
    }

    @Override
    public Vote vote(Principal principal, CollectionInfo collection, Access access) {
        if (!principal.isAuthenticated() || principal.hasRole(Role.ADMIN)) {
            return Vote.ABSTAIN;
        }
        boolean supervisor = principal.hasRole(Role.SUPERVISOR)
                || network.current().organisation(principal.organisation())
                .map(o -> o.role() == OrganisationConfig.Role.SUPERVISOR).orElse(false);
        return supervisor ? Vote.DENY : Vote.ABSTAIN;
    }
}
