package nl.camiso.server.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.actions.Sanitiser.SanitiseException;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.id.StixIds;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.stix.validation.StixValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sanitising rules on the story objects of samples/stix/isac-energie-amber.json. */
class SanitiserTest {

    static final String INDICATOR = "indicator--1fc45cf8-85aa-4cf0-9744-505a23c973cb";
    static final String COA = "course-of-action--8ff52d5d-4305-4121-b3a6-ea806261791e";
    static final String MITIGATES = "relationship--ec37386a-2220-4685-9eae-60441db9c3b8";
    static final String DUTCH = "language-content--2ccef78e-abc2-4207-8f56-0594c87032b2";
    static final String ISAC = "identity--944ec096-3774-4aaa-ba99-ec94e018e237";
    static final String DTC = "identity--578925df-5f01-4159-823f-4db8c227b8e6";
    static final String NOW = "2026-11-30T09:00:00.000Z";

    static Map<String, StixObject> sample = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        Path file = Path.of("..", "samples", "stix", "isac-energie-amber.json");
        if (!Files.exists(file)) {
            file = Path.of("samples", "stix", "isac-energie-amber.json");
        }
        for (JsonNode o : StixJson.parse(Files.readAllBytes(file)).get("objects")) {
            sample.put(o.get("id").asText(), StixObject.of(o));
        }
    }

    static List<StixObject> originals() {
        return List.of(sample.get(INDICATOR), sample.get(COA), sample.get(MITIGATES), sample.get(DUTCH));
    }

    static Map<String, Map<String, JsonNode>> text() throws Exception {
        return Sanitiser.parseText(StixJson.parse("""
                {"%s": {"name": "NetScaler gateway exploitation from two addresses (CVE-2023-4966)",
                        "description": "Exploitation attempts against remote-access gateways in the energy sector."},
                 "%s": {"name": "Check your NetScaler gateway for these two attackers",
                        "description": "Block the two addresses, search your logs, patch, and reset sessions if found."},
                 "%s": {"contents": {"nl": {"name": "Controleer je NetScaler-gateway",
                        "description": "Blokkeer de twee adressen, zoek in je logs, werk bij en reset sessies."}}}}
                """.formatted(INDICATOR, COA, DUTCH)));
    }

    static Map<String, String> newIds(List<StixObject> originals) {
        Map<String, String> ids = new LinkedHashMap<>();
        originals.forEach(o -> ids.put(o.id(), StixIds.newRandomId(o.type())));
        return ids;
    }

    static Map<String, String> creators(List<StixObject> originals, String ref) {
        Map<String, String> m = new LinkedHashMap<>();
        originals.forEach(o -> m.put(o.id(), ref));
        return m;
    }

    @Test
    void copiesCannotBeTracedBackToTheOriginals() throws Exception {
        List<StixObject> originals = originals();
        Map<String, String> ids = newIds(originals);
        List<ObjectNode> copies = new Sanitiser(Set.of()).copies(originals, ids, text(), creators(originals, DTC),
                Set.of(), TlpMarkings.TLP2_GREEN, NOW);
        assertEquals(4, copies.size());
        StixValidator validator = new StixValidator();
        List<String> forbidden = new ArrayList<>(List.of(ISAC, "IE-2026-117", "2026-11-24T14:05:00.000Z",
                TlpMarkings.TLP2_AMBER, "x_isac_energie_case", "control-room", "ISAC"));
        originals.forEach(o -> forbidden.add(o.id()));
        for (ObjectNode c : copies) {
            assertTrue(validator.validateObject(c).isValid(), () -> c + " " + validator.validateObject(c).errors());
            String json = StixJson.write(c);
            for (String f : forbidden) {
                assertFalse(json.contains(f), () -> "copy contains " + f + ": " + json);
            }
            assertEquals(DTC, c.get("created_by_ref").asText());
            assertEquals(NOW, c.get("created").asText());
            assertEquals(List.of(TlpMarkings.TLP2_GREEN), List.of(c.get("object_marking_refs").get(0).asText()));
            assertFalse(c.has("granular_markings"));
            c.fieldNames().forEachRemaining(k -> assertFalse(k.startsWith("x_"), k));
        }
        ObjectNode indicator = copies.get(0);
        assertEquals(ids.get(INDICATOR), indicator.get("id").asText());
        assertEquals(sample.get(INDICATOR).pattern(), indicator.get("pattern").asText(), "the pattern is the point of the release");
        assertEquals(NOW, indicator.get("valid_from").asText());
        assertEquals("cve", indicator.get("external_references").get(0).get("source_name").asText(), "public reference kept");
        ObjectNode rel = copies.get(2);
        assertEquals(ids.get(COA), rel.get("source_ref").asText());
        assertEquals(ids.get(INDICATOR), rel.get("target_ref").asText());
        ObjectNode lc = copies.get(3);
        assertEquals(ids.get(COA), lc.get("object_ref").asText());
        assertEquals(copies.get(1).get("modified").asText(), lc.get("object_modified").asText());
        assertEquals("Controleer je NetScaler-gateway", lc.at("/contents/nl/name").asText());
    }

    @Test
    void internalReferencesAndCustomPropertiesAreRemovedEverywhere() throws Exception {
        ObjectNode o = sample.get(INDICATOR).json().deepCopy();
        o.withArray("external_references").addObject().put("source_name", "isac-energie-case")
                .put("external_id", "IE-2026-117-int").put("url", "https://intranet.isac.example/cases/117")
                .put("x_camiso_internal", true);
        ((ObjectNode) o.withArray("external_references").get(0)).put("description", "seen at member X")
                .put("x_note", "member-polderstroom");
        o.putObject("extensions").putObject("extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e")
                .put("extension_type", "property-extension").put("rank", 5);
        StixObject in = StixObject.of(o);
        List<ObjectNode> copies = new Sanitiser(Set.of()).copies(List.of(in), newIds(List.of(in)),
                Map.of(INDICATOR, text().get(INDICATOR)), creators(List.of(in), DTC), Set.of(), TlpMarkings.TLP2_GREEN, NOW);
        String json = StixJson.write(copies.get(0));
        for (String f : List.of("intranet", "IE-2026-117", "member X", "member-polderstroom", "extensions", "x_camiso_internal")) {
            assertFalse(json.contains(f), () -> f + " in " + json);
        }
        assertEquals(1, copies.get(0).get("external_references").size());
    }

    @Test
    void freeTextWithoutSanitisedTextIsRefused() throws Exception {
        StixObject coa = sample.get(COA);
        SanitiseException e = assertThrows(SanitiseException.class, () -> new Sanitiser(Set.of()).copies(List.of(coa),
                newIds(List.of(coa)), Map.of(), creators(List.of(coa), DTC), Set.of(), TlpMarkings.TLP2_GREEN, NOW));
        assertTrue(e.getMessage().contains("free text"), e.getMessage());
    }

    @Test
    void sanitisedTextThatStillNamesTheOriginalIsRefused() throws Exception {
        StixObject ind = sample.get(INDICATOR);
        Map<String, Map<String, JsonNode>> t = Sanitiser.parseText(StixJson.parse(
                "{\"" + INDICATOR + "\": {\"name\": \"x\", \"description\": \"see ISAC case IE-2026-117\"}}"));
        SanitiseException e = assertThrows(SanitiseException.class, () -> new Sanitiser(Set.of()).copies(List.of(ind),
                newIds(List.of(ind)), t, creators(List.of(ind), DTC), Set.of(), TlpMarkings.TLP2_GREEN, NOW));
        assertTrue(e.getMessage().contains("IE-2026-117"), e.getMessage());
    }

    @Test
    void namedOriginatorKeepsItsIdentity() throws Exception {
        StixObject ind = sample.get(INDICATOR);
        List<ObjectNode> copies = new Sanitiser(Set.of()).copies(List.of(ind), newIds(List.of(ind)),
                Map.of(INDICATOR, text().get(INDICATOR)), creators(List.of(ind), ISAC), Set.of(ISAC), TlpMarkings.TLP2_GREEN, NOW);
        assertEquals(ISAC, copies.get(0).get("created_by_ref").asText());
        assertNotEquals(INDICATOR, copies.get(0).get("id").asText());
    }

    @Test
    void unknownTextTargetsAndWrongTypesAreRefused() throws Exception {
        StixObject ind = sample.get(INDICATOR);
        Sanitiser s = new Sanitiser(Set.of());
        assertThrows(SanitiseException.class, () -> s.copies(List.of(ind), newIds(List.of(ind)),
                Sanitiser.parseText(StixJson.parse("{\"" + COA + "\": {\"name\": \"x\"}}")),
                creators(List.of(ind), DTC), Set.of(), TlpMarkings.TLP2_GREEN, NOW), "text for an object not released");
        assertThrows(SanitiseException.class, () -> s.copies(List.of(ind), newIds(List.of(ind)),
                Sanitiser.parseText(StixJson.parse("{\"" + INDICATOR + "\": {\"pattern\": \"[x:y = 'z']\"}}")),
                creators(List.of(ind), DTC), Set.of(), TlpMarkings.TLP2_GREEN, NOW), "not a free-text property");
        assertThrows(SanitiseException.class, () -> s.copies(List.of(ind), newIds(List.of(ind)),
                Sanitiser.parseText(StixJson.parse("{\"" + INDICATOR + "\": {\"name\": 5, \"description\": null}}")),
                creators(List.of(ind), DTC), Set.of(), TlpMarkings.TLP2_GREEN, NOW), "name must be a string");
    }
}
