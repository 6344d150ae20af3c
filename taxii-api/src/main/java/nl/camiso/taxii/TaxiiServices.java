package nl.camiso.taxii;

import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.PolicyAuthorizer;
import nl.camiso.taxii.query.Cursor;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.IngestPolicy;
import nl.camiso.taxii.spi.ObjectStore;

/**
 * What the protocol layer needs from the server.
 *
 * @param ingest      judges which valid objects of an envelope a collection accepts (every intake path)
 * @param maxPageSize the largest page any request gets, whatever its {@code limit}
 * @param cursor      issues and checks {@code next} tokens; every server sharing a database must
 *                    use the same key, or tokens work only on the instance that issued them
 * @param authorizer  decides every operation of every request (see {@link Authorizer}); the
 *                    access policy answers what the intake asks while objects are added
 */
public record TaxiiServices(Catalog catalog, ObjectStore store, AccessPolicy access, IngestPolicy ingest,
                            StixValidator validator, int maxPageSize, Cursor cursor, Authorizer<?> authorizer) {

    /** Operations decided from the access policy alone ({@link PolicyAuthorizer}). */
    public TaxiiServices(Catalog catalog, ObjectStore store, AccessPolicy access, IngestPolicy ingest,
                         StixValidator validator, int maxPageSize, Cursor cursor) {
        this(catalog, store, access, ingest, validator, maxPageSize, cursor, new PolicyAuthorizer(access));
    }

    /** With a cursor key of this process only: for tests and stores that do not outlive it. */
    public TaxiiServices(Catalog catalog, ObjectStore store, AccessPolicy access, IngestPolicy ingest,
                         StixValidator validator, int maxPageSize) {
        this(catalog, store, access, ingest, validator, maxPageSize, Cursor.withRandomKey());
    }

    /** Accepting every valid object a writer sends, with a cursor key of this process only (tests). */
    public TaxiiServices(Catalog catalog, ObjectStore store, AccessPolicy access, StixValidator validator,
                         int maxPageSize) {
        this(catalog, store, access, IngestPolicy.acceptAll(), validator, maxPageSize, Cursor.withRandomKey());
    }
}
