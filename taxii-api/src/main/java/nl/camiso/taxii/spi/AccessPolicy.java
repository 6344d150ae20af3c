package nl.camiso.taxii.spi;

/**
 * The one place where access is decided. Every TAXII endpoint asks it; nothing else grants or
 * denies. The server implements it from accounts, grants and the sharing network. Which objects
 * a writer may add is not its question but the {@link IngestPolicy}'s.
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
}
