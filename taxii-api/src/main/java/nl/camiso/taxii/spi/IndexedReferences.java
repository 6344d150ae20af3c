package nl.camiso.taxii.spi;

import nl.camiso.stix.StixObject;
import nl.camiso.stix.validation.TypeSpec;
import nl.camiso.stix.validation.TypeTable;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The references a store answers {@link ObjectStore#referrers} for: the subject references of the
 * STIX {@link TypeTable} (what a relationship, sighting, note, opinion, report or language content
 * is about), the ones the extension endpoints follow, so that storing everything else costs nothing.
 */
public final class IndexedReferences {

    /** Indexed types and the properties whose references are indexed. */
    public static final Map<String, List<String>> PROPERTIES = subjectReferences();

    private IndexedReferences() {
    }

    private static Map<String, List<String>> subjectReferences() {
        Map<String, List<String>> m = new HashMap<>();
        for (TypeSpec t : TypeTable.all()) {
            if (!t.subjectRefs().isEmpty()) {
                m.put(t.type(), t.subjectRefs());
            }
        }
        return Map.copyOf(m);
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
