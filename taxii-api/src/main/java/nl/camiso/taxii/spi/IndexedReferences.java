package nl.camiso.taxii.spi;

import nl.camiso.stix.StixObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The references a store answers {@link ObjectStore#referrers} for: only those the extension
 * endpoints follow, so that storing everything else costs nothing.
 * <ul>
 *   <li>{@code relationship}: {@code source_ref}, {@code target_ref}</li>
 *   <li>{@code language-content}: {@code object_ref}</li>
 *   <li>{@code note}, {@code opinion}, {@code report}: {@code object_refs}</li>
 *   <li>{@code sighting}: {@code sighting_of_ref}</li>
 * </ul>
 */
public final class IndexedReferences {

    /** Indexed types and the properties whose references are indexed. */
    public static final Map<String, List<String>> PROPERTIES = Map.of(
            "relationship", List.of("source_ref", "target_ref"),
            "language-content", List.of("object_ref"),
            "note", List.of("object_refs"),
            "opinion", List.of("object_refs"),
            "report", List.of("object_refs"),
            "sighting", List.of("sighting_of_ref"));

    private IndexedReferences() {
    }

    /** The ids an object refers to through the indexed properties; empty for types not indexed. */
    public static Set<String> targets(StixObject object) {
        List<String> props = PROPERTIES.get(object.type());
        if (props == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : props) {
            if (p.endsWith("_refs")) {
                out.addAll(object.stringList(p));
            } else {
                String v = object.text(p);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
