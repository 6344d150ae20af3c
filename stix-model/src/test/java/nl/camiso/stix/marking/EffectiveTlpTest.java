package nl.camiso.stix.marking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.stix.Bundle;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static nl.camiso.stix.marking.TlpMarkings.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveTlpTest {

    /** The official ids with their level's rank, written out independently of the enum's order. */
    private static final Map<String, Integer> RANK = Map.of(
            TLP1_WHITE, 0, TLP2_CLEAR, 0,
            TLP1_GREEN, 1, TLP2_GREEN, 1,
            TLP1_AMBER, 2, TLP2_AMBER, 2,
            TLP2_AMBER_STRICT, 3,
            TLP1_RED, 4, TLP2_RED, 4);
    private static final List<Tlp> BY_RANK = List.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED);

    private static final String STATEMENT = "marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f";
    private static final String OTHER = "marking-definition--0f9e2a51-7b44-4a3e-9b7a-3a0b7f6f5c11";

    private static StixObject marked(List<String> objectRefs, List<String> granularRefs) throws IOException {
        ObjectNode o = (ObjectNode) StixJson.parse("{\"type\":\"indicator\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"name\":\"n\",\"description\":\"d\"}");
        if (!objectRefs.isEmpty()) {
            objectRefs.forEach(o.putArray("object_marking_refs")::add);
        }
        if (!granularRefs.isEmpty()) {
            var gm = o.putArray("granular_markings");
            for (String ref : granularRefs) {
                ObjectNode g = gm.addObject();
                g.putArray("selectors").add("description");
                g.put("marking_ref", ref);
            }
        }
        return StixObject.of(o);
    }

    private static Function<String, Optional<JsonNode>> carrying(String... json) throws IOException {
        List<StixObject> objects = new ArrayList<>();
        for (String j : json) {
            objects.add(StixObject.of(StixJson.parse(j)));
        }
        return EffectiveTlp.resolverFor(objects);
    }

    @TestFactory
    Stream<DynamicTest> eachOfficialIdAloneGivesItsLevel() {
        return RANK.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tlp expected = BY_RANK.get(e.getValue());
            EffectiveTlp.Result asObject = EffectiveTlp.of(marked(List.of(e.getKey()), List.of()));
            EffectiveTlp.Result asGranular = EffectiveTlp.of(marked(List.of(), List.of(e.getKey())));
            assertEquals(Optional.of(expected), asObject.level());
            assertEquals(Optional.of(expected), asGranular.level());
            assertTrue(asObject.isComplete());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPairTheStrictestWinsWhereverItIsMarked() {
        // 9 x 9 official ids (TLP 1.0 and 2.0 mixed), each pair as object+object, object+granular, granular+granular
        List<DynamicTest> tests = new ArrayList<>();
        for (var a : RANK.entrySet()) {
            for (var b : RANK.entrySet()) {
                Tlp expected = BY_RANK.get(Math.max(a.getValue(), b.getValue()));
                tests.add(DynamicTest.dynamicTest(a.getKey().substring(20, 28) + "+" + b.getKey().substring(20, 28) + " -> " + expected, () -> {
                    assertEquals(Optional.of(expected), EffectiveTlp.of(marked(List.of(a.getKey(), b.getKey()), List.of())).level());
                    assertEquals(Optional.of(expected), EffectiveTlp.of(marked(List.of(a.getKey()), List.of(b.getKey()))).level());
                    assertEquals(Optional.of(expected), EffectiveTlp.of(marked(List.of(), List.of(b.getKey(), a.getKey()))).level());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void whiteEqualsClearAndAmberStrictSitsBetweenAmberAndRed() throws IOException {
        assertEquals(Optional.of(Tlp.CLEAR), EffectiveTlp.of(marked(List.of(TLP1_WHITE, TLP2_CLEAR), List.of())).level());
        assertEquals(Optional.of(Tlp.AMBER_STRICT), EffectiveTlp.of(marked(List.of(TLP1_AMBER), List.of(TLP2_AMBER_STRICT))).level());
        assertEquals(Optional.of(Tlp.RED), EffectiveTlp.of(marked(List.of(TLP2_AMBER_STRICT), List.of(TLP1_RED))).level());
        assertEquals(Optional.of(Tlp.GREEN), EffectiveTlp.of(marked(List.of(TLP1_WHITE), List.of(TLP2_GREEN))).level());
    }

    @Test
    void noMarkingsNoLevel() throws IOException {
        EffectiveTlp.Result r = EffectiveTlp.of(marked(List.of(), List.of()));
        assertEquals(Optional.empty(), r.level());
        assertTrue(r.isComplete());
        assertEquals(List.of(), r.nonTlpMarkingRefs());
    }

    @Test
    void langOnlyGranularMarkingsAreNotMarkings() throws IOException {
        StixObject o = StixObject.of(StixJson.parse("{\"type\":\"note\",\"granular_markings\":[{\"selectors\":[\"content\"],\"lang\":\"nl\"},"
                + "{\"selectors\":[\"abstract\"],\"marking_ref\":\"" + TLP2_GREEN + "\"}]}"));
        EffectiveTlp.Result r = EffectiveTlp.of(o);
        assertEquals(Optional.of(Tlp.GREEN), r.level());
        assertTrue(r.isComplete());
    }

    @Test
    void unknownMarkingsAreReportedNotIgnored() throws IOException {
        EffectiveTlp.Result r = EffectiveTlp.of(marked(List.of(OTHER, TLP2_AMBER), List.of(STATEMENT, OTHER)));
        assertEquals(Optional.of(Tlp.AMBER), r.level());
        assertEquals(List.of(OTHER, STATEMENT), r.unknownMarkingRefs(), "each once, in order");
        assertFalse(r.isComplete());

        EffectiveTlp.Result only = EffectiveTlp.of(marked(List.of(OTHER), List.of()));
        assertEquals(Optional.empty(), only.level());
        assertEquals(List.of(OTHER), only.unknownMarkingRefs());

        EffectiveTlp.Result malformed = EffectiveTlp.of(marked(List.of("identity--0f9e2a51-7b44-4a3e-9b7a-3a0b7f6f5c11"), List.of()));
        assertEquals(List.of("identity--0f9e2a51-7b44-4a3e-9b7a-3a0b7f6f5c11"), malformed.unknownMarkingRefs());
    }

    @Test
    void knownNonTlpMarkingsAreListedSeparately() throws IOException {
        var resolver = carrying("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + STATEMENT + "\","
                + "\"created\":\"2017-04-14T13:07:49.812Z\",\"definition_type\":\"statement\",\"definition\":{\"statement\":\"Copyright (c) Stark Industries 2017.\"}}");
        EffectiveTlp.Result r = EffectiveTlp.of(marked(List.of(STATEMENT, TLP1_GREEN), List.of()), resolver);
        assertEquals(Optional.of(Tlp.GREEN), r.level());
        assertEquals(List.of(STATEMENT), r.nonTlpMarkingRefs());
        assertTrue(r.isComplete());
    }

    @Test
    void carriedOfficialDefinitionsAreRecognisedWhenTheyAgree() throws IOException {
        // the canonical TLP 2.0 and 1.0 objects carried in the same bundle
        var resolver = carrying(StixJson.write(definition(TLP2_AMBER_STRICT).orElseThrow()), StixJson.write(definition(TLP1_WHITE).orElseThrow()));
        EffectiveTlp.Result r = EffectiveTlp.of(marked(List.of(TLP2_AMBER_STRICT), List.of(TLP1_WHITE)), resolver);
        assertEquals(Optional.of(Tlp.AMBER_STRICT), r.level());
        assertTrue(r.isComplete(), r.toString());
    }

    @Test
    void carriedDefinitionContradictingAnOfficialIdIsSuspiciousAndTheOfficialLevelStands() throws IOException {
        var resolver = carrying("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + TLP2_RED + "\",\"created\":\"2022-10-01T00:00:00.000Z\","
                + "\"name\":\"TLP:CLEAR\",\"extensions\":{\"" + TLP2_EXTENSION_ID + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"clear\"}}}");
        EffectiveTlp.Result r = EffectiveTlp.of(marked(List.of(TLP2_RED), List.of()), resolver);
        assertEquals(Optional.of(Tlp.RED), r.level());
        assertEquals(List.of(TLP2_RED), r.suspiciousMarkingRefs());
        assertTrue(r.suspicious().get(0).reason().contains("states TLP:CLEAR"), r.suspicious().get(0).reason());

        var tlp1 = carrying("{\"type\":\"marking-definition\",\"id\":\"" + TLP1_GREEN + "\",\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"white\"}}");
        EffectiveTlp.Result r1 = EffectiveTlp.of(marked(List.of(), List.of(TLP1_GREEN)), tlp1);
        assertEquals(Optional.of(Tlp.GREEN), r1.level());
        assertEquals(List.of(TLP1_GREEN), r1.suspiciousMarkingRefs());
    }

    @Test
    void tlpClaimedUnderAnotherIdIsSuspiciousAndNotTrusted() throws IOException {
        String fake2 = "marking-definition--11111111-2222-4333-8444-555555555555";
        String fake1 = "marking-definition--21111111-2222-4333-8444-555555555555";
        String byName = "marking-definition--31111111-2222-4333-8444-555555555555";
        String wrongExt = "marking-definition--41111111-2222-4333-8444-555555555555";
        var resolver = carrying(
                "{\"type\":\"marking-definition\",\"id\":\"" + fake2 + "\",\"name\":\"TLP:RED\",\"extensions\":{\"" + TLP2_EXTENSION_ID
                        + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"red\"}}}",
                "{\"type\":\"marking-definition\",\"id\":\"" + fake1 + "\",\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"amber\"}}",
                "{\"type\":\"marking-definition\",\"id\":\"" + byName + "\",\"name\":\"tlp:amber\",\"definition_type\":\"statement\",\"definition\":{\"statement\":\"x\"}}",
                "{\"type\":\"marking-definition\",\"id\":\"" + wrongExt + "\",\"extensions\":{\"x-tlp\":{\"tlp_2_0\":\"green\"}}}");
        EffectiveTlp.Result r = EffectiveTlp.of(marked(List.of(fake2, fake1), List.of(byName, wrongExt, TLP2_GREEN)), resolver);
        assertEquals(Optional.of(Tlp.GREEN), r.level(), "only the official id counts");
        assertEquals(List.of(fake2, fake1, byName, wrongExt), r.suspiciousMarkingRefs());
        assertTrue(r.suspicious().get(0).reason().contains("not one of the official TLP marking-definition ids"));
        assertEquals(List.of(), r.unknownMarkingRefs());
        assertEquals(List.of(), r.nonTlpMarkingRefs());
        assertFalse(r.isComplete());
    }

    @Test
    void aResolverAnsweringWithAnotherIdIsSuspicious() throws IOException {
        JsonNode other = StixJson.parse("{\"type\":\"marking-definition\",\"id\":\"" + OTHER + "\",\"definition_type\":\"statement\",\"definition\":{\"statement\":\"x\"}}");
        EffectiveTlp.Result r = EffectiveTlp.ofRefs(List.of(STATEMENT), id -> Optional.of(other));
        assertEquals(List.of(STATEMENT), r.suspiciousMarkingRefs());
    }

    @Test
    void corpusMarkingExamples() throws IOException {
        Path dir = Path.of(System.getProperty("camiso.corpus.dir", "/nonexistent"));
        Path markings = dir.resolve("oasis-cti-documentation/using-marking-definitions.json");
        Path granular = dir.resolve("oasis-cti-documentation/using-granular-markings.json");
        Assumptions.assumeTrue(Files.isRegularFile(markings) && Files.isRegularFile(granular), "corpus absent");

        List<StixObject> bundle = Bundle.read(markings);
        StixObject indicator = bundle.stream().filter(o -> "indicator".equals(o.type())).findFirst().orElseThrow();
        EffectiveTlp.Result withBundle = EffectiveTlp.of(indicator, EffectiveTlp.resolverFor(bundle));
        assertEquals(Optional.of(Tlp.AMBER), withBundle.level());
        assertEquals(List.of(STATEMENT), withBundle.nonTlpMarkingRefs());
        assertTrue(withBundle.isComplete(), "the carried TLP:AMBER object agrees with its official id");
        assertEquals(List.of(STATEMENT), EffectiveTlp.of(indicator).unknownMarkingRefs(), "without the bundle the statement is unknown");

        List<StixObject> g = Bundle.read(granular);
        Map<String, Optional<Tlp>> expected = Map.of(
                "indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1", Optional.of(Tlp.RED),   // granular RED, AMBER, GREEN
                "threat-actor--8b6297fe-cae7-47c6-9256-5584b417849c", Optional.of(Tlp.RED),
                "identity--b38dfe21-7477-40d1-aa90-5c8671ce51ca", Optional.empty());
        for (var e : expected.entrySet()) {
            StixObject o = g.stream().filter(x -> e.getKey().equals(x.id())).findFirst().orElseThrow();
            assertEquals(e.getValue(), EffectiveTlp.of(o).level(), e.getKey());
        }
    }
}
