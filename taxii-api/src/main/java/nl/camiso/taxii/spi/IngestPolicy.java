package nl.camiso.taxii.spi;

import nl.camiso.stix.StixObject;

import java.util.Collections;
import java.util.List;

/**
 * What may enter a collection beyond validity and the right to write (the access policy's
 * yes/no): judged for a whole envelope at once, because an object's verdict can depend on the
 * others (references to them, marking definitions carried with them). Every intake path asks it
 * once per envelope through {@link nl.camiso.taxii.resources.EnvelopeIntake}.
 */
@FunctionalInterface
public interface IngestPolicy {

    /**
     * @param requester  who adds the objects (already allowed to write the collection)
     * @param collection where they go
     * @param objects    the envelope's valid objects, in the order sent
     * @return one verdict per object, in the same order
     */
    List<IngestVerdict> judge(Requester requester, CollectionInfo collection, List<StixObject> objects);

    /** Accepts every valid object (a store without sharing rules, and tests of the protocol layer). */
    static IngestPolicy acceptAll() {
        return (requester, collection, objects) -> Collections.nCopies(objects.size(), IngestVerdict.accept());
    }
}
