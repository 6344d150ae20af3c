package nl.camiso.server.identity;

import nl.camiso.taxii.spi.CollectionInfo;

/**
 * Read and/or write rights on one collection, or on every collection of an API root.
 *
 * @param collection a collection id, or {@link #ALL_COLLECTIONS}
 */
public record Grant(String apiRoot, String collection, boolean read, boolean write) {

    public static final String ALL_COLLECTIONS = "*";

    public boolean covers(CollectionInfo c) {
        return apiRoot.equals(c.apiRoot()) && (collection.equals(ALL_COLLECTIONS) || collection.equals(c.id()));
    }
}
