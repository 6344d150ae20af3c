package nl.camiso.stix.marking;

import nl.camiso.stix.StixJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TlpMarkingsTest {

    @Test
    void canonicalObjectsAreExactlyTheSpecsText() {
        // STIX 2.1 §7.2.1.4 and the OASIS TLP 2.0 extension, as the checklist quotes them
        assertEquals("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\","
                        + "\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\",\"name\":\"TLP:WHITE\",\"definition\":{\"tlp\":\"white\"}}",
                StixJson.write(TlpMarkings.definition(TlpMarkings.TLP1_WHITE).orElseThrow()));
        assertEquals("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\","
                        + "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:CLEAR\",\"extensions\":{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
                        + "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"clear\"}}}",
                StixJson.write(TlpMarkings.definition(TlpMarkings.TLP2_CLEAR).orElseThrow()));
        assertEquals("TLP:AMBER+STRICT", TlpMarkings.definition(TlpMarkings.TLP2_AMBER_STRICT).orElseThrow().get("name").textValue());
        assertEquals("amber+strict", TlpMarkings.definition(TlpMarkings.TLP2_AMBER_STRICT).orElseThrow()
                .get("extensions").get(TlpMarkings.TLP2_EXTENSION_ID).get("tlp_2_0").textValue());
        assertEquals(9, TlpMarkings.ids().size());
    }

    @Test
    void definitionsAreCopies() {
        var d = (com.fasterxml.jackson.databind.node.ObjectNode) TlpMarkings.definition(TlpMarkings.TLP1_RED).orElseThrow();
        d.put("name", "changed");
        assertEquals("TLP:RED", TlpMarkings.definition(TlpMarkings.TLP1_RED).orElseThrow().get("name").textValue());
        assertFalse(TlpMarkings.isTlpMarking("marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f"));
    }

    @Test
    void levelsAndLabels() {
        assertEquals(Tlp.CLEAR, Tlp.fromLabel("TLP:WHITE"));
        assertEquals(Tlp.AMBER_STRICT, Tlp.fromLabel("amber+strict"));
        assertEquals(TlpMarkings.TLP2_AMBER_STRICT, TlpMarkings.tlp2Id(Tlp.AMBER_STRICT));
        for (Tlp t : Tlp.values()) {
            assertEquals(t, TlpMarkings.levelOf(TlpMarkings.tlp2Id(t)).orElseThrow());
        }
    }
}
