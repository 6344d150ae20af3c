package nl.camiso.taxii.spi;

/**
 * One stored object version in a collection.
 *
 * @param version         STIX {@code modified}, else {@code created}, exactly as written in the object; for
 *                        objects with neither (SCOs), the store's consistent value (the first {@code date_added},
 *                        written as a STIX timestamp)
 * @param dateAddedMicros when it was added to this collection, epoch microseconds, unique per collection
 * @param json            the object exactly as received (UTF-8), or null when the query did not ask for it
 */
public record StoredVersion(String objectId, String type, String version, String specVersion,
                            long dateAddedMicros, String mediaType, byte[] json) {
}
