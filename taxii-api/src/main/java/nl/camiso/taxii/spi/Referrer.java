package nl.camiso.taxii.spi;

/**
 * A stored object that refers to some id through one of the {@link IndexedReferences}: the
 * collection it is stored in, its id and its type.
 */
public record Referrer(String collectionId, String objectId, String type) {
}
