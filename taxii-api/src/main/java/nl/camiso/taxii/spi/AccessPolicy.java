package nl.camiso.taxii.spi;

import nl.camiso.stix.StixObject;

import java.util.List;

/**
 * The one place where access is decided. Every TAXII endpoint asks it; nothing else grants or
 * denies. The server implements it from accounts and grants (and, later, from organisations,
 * initiatives and TLP clearance).
 */
public interface AccessPolicy {

    /** Whether the API root exists for this requester at all (listed in discovery, reachable). */
    boolean canSeeApiRoot(Requester requester, ApiRootInfo apiRoot);

    /** {@code can_read}: Get Objects, Get an Object, manifest, versions. */
    boolean canRead(Requester requester, CollectionInfo collection);

    /** {@code can_write}: Add Objects. */
    boolean canWrite(Requester requester, CollectionInfo collection);

    /** Whether this requester may read the status resource created by {@code statusOwner}. */
    default boolean canReadStatus(Requester requester, String statusOwner) {
        return requester.isAuthenticated() && requester.name().equals(statusOwner);
    }

    /**
     * Checks one valid object about to be added to a collection.
     *
     * @return null to accept it, or the reason it is refused (shown in the status resource)
     */
    default String refusalReason(Requester requester, CollectionInfo collection, StixObject object) {
        return null;
    }

    /**
     * Checks one valid object about to be added, knowing the other objects of the same envelope
     * (references to them, marking definitions carried with them). The protocol layer calls this
     * one; the default keeps policies that only implement {@link #refusalReason} working.
     *
     * @param envelope every object of the POSTed envelope that passed validation, including {@code object}
     */
    default IngestVerdict ingestVerdict(Requester requester, CollectionInfo collection, StixObject object,
                                        List<StixObject> envelope) {
        String reason = refusalReason(requester, collection, object);
        return reason == null ? IngestVerdict.accept() : IngestVerdict.refuse(reason);
    }
}
