package nl.camiso.server.access;

import nl.camiso.server.identity.Grant;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;

/** Explicit per-collection grants (read/write on a collection id, or "*" for an API root). */
public final class GrantRule implements AccessRule {

    @Override
    public Vote vote(Principal principal, CollectionInfo collection, Access access) {
        for (Grant g : principal.grants()) {
            if (g.covers(collection) && (access == Access.READ ? g.read() : g.write())) {
                return Vote.ALLOW;
            }
        }
        return Vote.ABSTAIN;
    }
}
