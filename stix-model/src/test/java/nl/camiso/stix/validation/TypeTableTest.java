package nl.camiso.stix.validation;

import nl.camiso.stix.StixTypes;
import nl.camiso.stix.id.ScoIds;
import nl.camiso.stix.validation.TypeSpec.Category;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The views derived from the type table give what the specification lists. */
class TypeTableTest {

    @Test
    void categoriesHoldTheSpecTypes() {
        assertEquals(19, StixTypes.SDO.size(), StixTypes.SDO.toString());
        assertEquals(Set.of("relationship", "sighting"), StixTypes.SRO);
        assertEquals(18, StixTypes.SCO.size(), StixTypes.SCO.toString());
        assertEquals(Set.of("marking-definition", "language-content", "extension-definition"), StixTypes.META);
        Set<String> all = new HashSet<>();
        for (TypeSpec t : TypeTable.all()) {
            assertTrue(all.add(t.type()), "one entry per type: " + t.type());
        }
        assertEquals(42, all.size());
        assertNull(TypeTable.get("x-acme-widget"));
        assertTrue(StixTypes.isStandardType("x509-certificate") && !StixTypes.isStandardType("bundle"));
    }

    @Test
    void idContributingPropertiesKeepTheSpecOrder() {
        assertEquals(List.of("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"),
                ScoIds.ID_CONTRIBUTING_PROPERTIES.get("network-traffic"));
        assertEquals(List.of("hashes", "name", "extensions", "parent_directory_ref"), ScoIds.ID_CONTRIBUTING_PROPERTIES.get("file"));
        assertEquals(List.of(), ScoIds.ID_CONTRIBUTING_PROPERTIES.get("process"));
        assertEquals(StixTypes.SCO, ScoIds.ID_CONTRIBUTING_PROPERTIES.keySet());
        for (TypeSpec t : TypeTable.all()) {
            assertTrue(t.propertyNames().containsAll(t.idContributing()), t.type() + ": ID contributing properties are its own properties");
            assertTrue(t.category() == Category.SCO || t.idContributing().isEmpty(), t.type());
            assertTrue(t.propertyNames().containsAll(t.required()), t.type() + ": required properties are defined");
        }
    }

    @Test
    void subjectReferencesAreTheReverseIndexedOnes() {
        Set<String> withSubjects = new HashSet<>();
        for (TypeSpec t : TypeTable.all()) {
            if (!t.subjectRefs().isEmpty()) {
                withSubjects.add(t.type() + "=" + t.subjectRefs());
            }
        }
        assertEquals(Set.of("relationship=[source_ref, target_ref]", "sighting=[sighting_of_ref]", "note=[object_refs]",
                "opinion=[object_refs]", "report=[object_refs]", "language-content=[object_ref]"), withSubjects);
    }
}
