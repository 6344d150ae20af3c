package nl.camiso.server.access;

import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.identity.Role;

/** Admin accounts read and write every collection. */
public final class AdminRule implements AccessRule {

    @Override
    public Vote vote(Principal principal, CollectionInfo collection, Access access) {
        return principal.hasRole(Role.ADMIN) ? Vote.ALLOW : Vote.ABSTAIN;
    }
}
