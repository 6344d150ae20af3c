package nl.camiso.taxii.spi;

import java.util.List;

/**
 * One collection as configured. {@code can_read}/{@code can_write} are not here: they depend on
 * the requester and come from {@link AccessPolicy}.
 *
 * @param id         RFC 4122 UUID, the collection's TAXII id
 * @param alias      optional, unique within the API root; null when absent
 * @param mediaTypes the media types stored, e.g. {@code application/stix+json;version=2.1}
 */
public record CollectionInfo(String id, String apiRoot, String title, String description, String alias,
                             List<String> mediaTypes) {
}
