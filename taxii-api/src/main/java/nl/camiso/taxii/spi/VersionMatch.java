package nl.camiso.taxii.spi;

import java.util.Set;

/**
 * {@code match[version]}: any combination of first, last and exact {@code modified} values, or all.
 *
 * @param exact exact version strings (STIX {@code modified}, or {@code created} for unversioned objects)
 */
public record VersionMatch(boolean all, boolean first, boolean last, Set<String> exact) {

    /** The spec's default: only the latest version of each object. */
    public static final VersionMatch LAST = new VersionMatch(false, false, true, Set.of());
    public static final VersionMatch ALL = new VersionMatch(true, false, false, Set.of());

    public VersionMatch {
        exact = Set.copyOf(exact);
    }
}
