package nl.camiso.taxii;

import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.ObjectStore;

/**
 * What the protocol layer needs from the server.
 *
 * @param maxPageSize the largest page any request gets, whatever its {@code limit}
 */
public record TaxiiServices(Catalog catalog, ObjectStore store, AccessPolicy access, StixValidator validator,
                            int maxPageSize) {
}
