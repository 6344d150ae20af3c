package nl.camiso.taxii.spi;

/** A status-details entry: object id, its version, and an optional message. */
public record StatusDetail(String id, String version, String message) {
}
