package nl.camiso.server.access;

import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

/** Admin accounts read and write every collection. */
public final class AdminRule implements AccessRule {

    @Override
    public Vote vote(Requester requester, CollectionInfo collection, Access access) {
        return AccessRules.isAdmin(requester) ? Vote.ALLOW : Vote.ABSTAIN;
    }
}
