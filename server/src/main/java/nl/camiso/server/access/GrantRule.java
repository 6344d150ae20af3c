package nl.camiso.server.access;

import nl.camiso.server.accounts.Grant;
import nl.camiso.server.auth.AccountRequester;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

/** Explicit per-collection grants (read/write on a collection id, or "*" for an API root). */
public final class GrantRule implements AccessRule {

    @Override
    public Vote vote(Requester requester, CollectionInfo collection, Access access) {
        if (!(requester instanceof AccountRequester a)) {
            return Vote.ABSTAIN;
        }
        for (Grant g : a.account().grants()) {
            if (g.covers(collection) && (access == Access.READ ? g.read() : g.write())) {
                return Vote.ALLOW;
            }
        }
        return Vote.ABSTAIN;
    }
}
