package nl.camiso.taxii.spi;

import java.util.List;

/**
 * A parsed, validated query against one collection, shared by the objects, object, manifest and
 * versions endpoints. Results are always in ascending {@code date_added} order.
 *
 * @param objectId          only this object (Get an Object, versions, DELETE); null for all
 * @param addedAfterMicros  only rows added strictly after this (epoch microseconds); null for no bound
 * @param afterCursorMicros keyset position from {@code next}: only rows added strictly after it; null on page one
 * @param limit             page size, already clamped to the server maximum (>= 1)
 * @param ids               {@code match[id]}; empty for any
 * @param types             {@code match[type]}; empty for any
 * @param versions          {@code match[version]}; {@link VersionMatch#LAST} by default
 * @param specVersions      {@code match[spec_version]}; empty means the latest spec version of each object
 * @param includeJson       whether the stored JSON is needed (false for manifest and versions)
 */
public record ObjectQuery(String objectId, Long addedAfterMicros, Long afterCursorMicros, int limit,
                          List<String> ids, List<String> types, VersionMatch versions, List<String> specVersions,
                          boolean includeJson) {

    public ObjectQuery {
        ids = List.copyOf(ids);
        types = List.copyOf(types);
        specVersions = List.copyOf(specVersions);
    }
}
