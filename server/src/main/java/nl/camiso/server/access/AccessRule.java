package nl.camiso.server.access;

import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;

/**
 * One rule of the access decision. Rules vote; {@link AccessRules} combines the votes:
 * any DENY wins, else any ALLOW, else denied. The sharing-network rules (organisations,
 * initiative membership, TLP clearance, RED accounts, public CLEAR collections) are added as
 * further rules here.
 */
public interface AccessRule {

    enum Access { READ, WRITE }

    enum Vote { ALLOW, DENY, ABSTAIN }

    Vote vote(Principal principal, CollectionInfo collection, Access access);
}
