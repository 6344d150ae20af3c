package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.id.ScoIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules that span objects, each with a case that breaks it and one that keeps it. */
class CrossObjectRulesTest {

    private static final StixValidator VALIDATOR = new StixValidator();
    private static final String PRODUCER = "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff";
    private static final String UUID = "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

    private static String indicator(String id, String created, String modified, String extra) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + created
                + "\",\"modified\":\"" + modified + "\",\"name\":\"C2\",\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2016-01-01T00:00:00Z\",\"created_by_ref\":\"" + PRODUCER + "\"" + extra + "}";
    }

    private static String observedData(String id, String producer) {
        return "{\"type\":\"observed-data\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2016-04-06T20:03:48.000Z\","
                + "\"modified\":\"2016-04-06T20:03:48.000Z\",\"first_observed\":\"2016-04-06T20:03:48Z\","
                + "\"last_observed\":\"2016-04-06T20:03:48Z\",\"number_observed\":1,"
                + "\"object_refs\":[\"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd\"],\"created_by_ref\":\"" + producer + "\"}";
    }

    private static ValidationReport list(String... objects) throws Exception {
        return VALIDATOR.validate(StixJson.parse("[" + String.join(",", objects) + "]"));
    }

    private static List<String> messages(List<ValidationIssue> issues) {
        return issues.stream().map(ValidationIssue::toString).toList();
    }

    // --- §2.9 -----------------------------------------------------------------------------------------

    @Test
    void oneProducersUuidUnderTwoTypesIsAWarning() throws Exception {
        ValidationReport r = list(indicator("indicator--" + UUID, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z", ""),
                observedData("observed-data--" + UUID, PRODUCER));
        assertTrue(r.isValid(), messages(r.errors()).toString());
        assertEquals(1, r.warnings().stream().filter(i -> i.message().contains("(§2.9)")).count(), messages(r.warnings()).toString());
        assertEquals("observed-data--" + UUID, r.warnings().stream().filter(i -> i.message().contains("(§2.9)"))
                .findFirst().orElseThrow().objectId());
    }

    @Test
    void twoProducersOrDeterministicObservablesMayShareAUuid() throws Exception {
        ValidationReport producers = list(indicator("indicator--" + UUID, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z", ""),
                observedData("observed-data--" + UUID, "identity--b67d30ff-02ac-498a-92f9-32f845f448ff"));
        assertTrue(producers.issues().stream().noneMatch(i -> i.message().contains("§2.9")), messages(producers.issues()).toString());
        // the same contributing JSON gives the same UUIDv5 whatever the type: {"name":"x"}
        String mutex = ScoIds.idFor(StixJson.parse("{\"type\":\"mutex\",\"name\":\"x\"}"));
        String software = ScoIds.idFor(StixJson.parse("{\"type\":\"software\",\"name\":\"x\"}"));
        assertEquals(mutex.substring(mutex.indexOf("--")), software.substring(software.indexOf("--")));
        ValidationReport scos = list("{\"type\":\"mutex\",\"spec_version\":\"2.1\",\"id\":\"" + mutex + "\",\"name\":\"x\"}",
                "{\"type\":\"software\",\"spec_version\":\"2.1\",\"id\":\"" + software + "\",\"name\":\"x\"}");
        assertTrue(scos.issues().isEmpty(), messages(scos.issues()).toString());
    }

    // --- §3.2 -----------------------------------------------------------------------------------------

    @Test
    void createdNeverChangesBetweenVersions() throws Exception {
        String id = "indicator--" + UUID;
        ValidationReport changed = list(indicator(id, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z", ""),
                indicator(id, "2016-04-07T20:03:48.000Z", "2017-01-01T00:00:00.000Z", ""));
        assertEquals(1, changed.errors().size(), messages(changed.errors()).toString());
        assertEquals("created", changed.errors().get(0).path());
        assertTrue(changed.errors().get(0).message().contains("§3.2"));
        ValidationReport kept = list(indicator(id, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z", ""),
                indicator(id, "2016-04-06T20:03:48Z".replace("Z", ".000Z"), "2017-01-01T00:00:00.000Z", ",\"description\":\"v2\""));
        assertTrue(kept.issues().isEmpty(), messages(kept.issues()).toString());
    }

    // --- §3.6 -----------------------------------------------------------------------------------------

    @Test
    void oneVersionHasOneContent() throws Exception {
        String id = "indicator--" + UUID;
        String v1 = indicator(id, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z", "");
        ValidationReport differs = list(v1, indicator(id, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z",
                ",\"description\":\"changed without a new modified\""));
        assertEquals(1, differs.errors().size(), messages(differs.errors()).toString());
        assertTrue(differs.errors().get(0).message().contains("§3.6"));
        ValidationReport repeated = list(v1, v1);
        assertTrue(repeated.isValid());
        assertTrue(repeated.warnings().stream().anyMatch(i -> i.message().startsWith("duplicate object")));
    }

    @Test
    void anUnversionedObservableSentTwiceWithOtherContentIsAWarning() throws Exception {
        // python-stix2's SCO examples do this: a deterministic SCO with and without resolves_to_refs
        String id = ScoIds.idFor(StixJson.parse("{\"type\":\"domain-name\",\"value\":\"example.com\"}"));
        ValidationReport r = list("{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"value\":\"example.com\"}",
                "{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"value\":\"example.com\","
                        + "\"resolves_to_refs\":[\"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd\"]}");
        assertTrue(r.isValid(), messages(r.errors()).toString());
        assertEquals(1, r.warnings().size(), messages(r.warnings()).toString());
    }

    @Test
    void aVersionedObservableDoesNotUseTheDeterministicId() throws Exception {
        String deterministic = ScoIds.idFor(StixJson.parse("{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.7\"}"));
        String versioned = ",\"created\":\"2022-12-22T22:09:57.949Z\",\"modified\":\"2022-12-22T22:09:57.949Z\",\"value\":\"198.51.100.7\"}";
        ValidationReport bad = VALIDATOR.validate(StixJson.parse(
                "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + deterministic + "\"" + versioned));
        assertEquals(1, bad.errors().size(), messages(bad.errors()).toString());
        assertEquals("id", bad.errors().get(0).path());
        assertTrue(bad.errors().get(0).message().contains("§3.6"));
        // as the Attack Flow corpus does it: a UUIDv4 of its own, and no "should be deterministic" warning
        ValidationReport own = VALIDATOR.validate(StixJson.parse(
                "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--1f0a42b3-e753-41a6-8151-1b2751b4b914\"" + versioned));
        assertTrue(own.isValid(), messages(own.errors()).toString());
        assertTrue(own.warnings().stream().noneMatch(i -> i.path().equals("id")), messages(own.warnings()).toString());
        // unversioned, the deterministic id is what §2.9 asks for
        ValidationReport plain = VALIDATOR.validate(StixJson.parse(
                "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + deterministic + "\",\"value\":\"198.51.100.7\"}"));
        assertTrue(plain.issues().isEmpty(), messages(plain.issues()).toString());
    }

    @Test
    void versionsHeldElsewhereAreComparedToo() throws Exception {
        String id = "indicator--" + UUID;
        JsonNode held = StixJson.parse(indicator(id, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z", ""));
        JsonNode newCreated = StixJson.parse(indicator(id, "2016-04-05T00:00:00.000Z", "2017-01-01T00:00:00.000Z", ""));
        JsonNode sameVersionChanged = StixJson.parse(indicator(id, "2016-04-06T20:03:48.000Z", "2016-04-06T20:03:48.000Z",
                ",\"description\":\"x\""));
        JsonNode nextVersion = StixJson.parse(indicator(id, "2016-04-06T20:03:48.000Z", "2017-01-01T00:00:00.000Z", ""));
        assertEquals(List.of("created"), paths(VALIDATOR.validateAgainstHeld(newCreated, List.of(held))));
        List<ValidationIssue> changed = VALIDATOR.validateAgainstHeld(sameVersionChanged, List.of(held));
        assertEquals(List.of("modified"), paths(changed));
        assertTrue(!changed.get(0).isError(), "ATT&CK and MISP change content without a new modified: a warning");
        assertTrue(VALIDATOR.validateAgainstHeld(newCreated, List.of(held)).get(0).isError());
        assertEquals(List.of(), paths(VALIDATOR.validateAgainstHeld(nextVersion, List.of(held))));
        assertEquals(List.of(), paths(VALIDATOR.validateAgainstHeld(held, List.of(held))));
    }

    private static List<String> paths(List<ValidationIssue> issues) {
        return issues.stream().map(ValidationIssue::path).toList();
    }

    // --- §7.1.1 ---------------------------------------------------------------------------------------

    private static final String ACTOR_ID = "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

    private static String actor(String modified, String aliases) {
        return "{\"type\":\"threat-actor\",\"spec_version\":\"2.1\",\"id\":\"" + ACTOR_ID + "\",\"created\":\"2016-04-06T20:03:48.000Z\","
                + "\"modified\":\"" + modified + "\",\"name\":\"Evil\",\"aliases\":" + aliases + "}";
    }

    private static String translation(String objectModified, String aliases) {
        return "{\"type\":\"language-content\",\"spec_version\":\"2.1\",\"id\":\"language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d\","
                + "\"created\":\"2017-02-08T21:31:22.007Z\",\"modified\":\"2017-02-08T21:31:22.007Z\",\"object_ref\":\"" + ACTOR_ID + "\""
                + (objectModified == null ? "" : ",\"object_modified\":\"" + objectModified + "\"")
                + ",\"contents\":{\"de\":{\"name\":\"Böse\",\"aliases\":" + aliases + "}}}";
    }

    @Test
    void aTranslatedListHasTheLengthOfTheOriginal() throws Exception {
        ValidationReport shorter = list(actor("2016-04-06T20:03:48.000Z", "[\"a\",\"b\"]"), translation(null, "[\"A\"]"));
        assertEquals(1, shorter.errors().size(), messages(shorter.errors()).toString());
        assertEquals("contents.de.aliases", shorter.errors().get(0).path());
        assertTrue(shorter.errors().get(0).message().contains("§7.1.1"));
        ValidationReport same = list(actor("2016-04-06T20:03:48.000Z", "[\"a\",\"b\"]"), translation(null, "[\"A\",\"\"]"));
        assertTrue(same.isValid(), messages(same.errors()).toString());
        // object_modified picks the version translated; without it, the latest one
        String v1 = actor("2016-04-06T20:03:48.000Z", "[\"a\"]");
        String v2 = actor("2017-01-01T00:00:00.000Z", "[\"a\",\"b\"]");
        assertTrue(list(v1, v2, translation("2016-04-06T20:03:48.000Z", "[\"A\"]")).isValid());
        assertEquals(1, list(v1, v2, translation(null, "[\"A\"]")).errors().size());
    }

    // --- §9.6.1 ---------------------------------------------------------------------------------------

    private static ValidationReport pattern(String pattern) throws Exception {
        ObjectNode o = (ObjectNode) StixJson.parse(indicator("indicator--" + UUID, "2016-04-06T20:03:48.000Z",
                "2016-04-06T20:03:48.000Z", ""));
        o.put("pattern", pattern);
        return VALIDATOR.validateObject(o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[ipv4-addr:value ISSUBSET '198.51.100.0/24']", "[ipv6-addr:value ISSUPERSET '2001:db8::/32']",
            "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
            "[domain-name:resolves_to_refs[*].value NOT ISSUBSET '10.0.0.0/8']"})
    void setOperatorsOnAddresses(String p) throws Exception {
        assertTrue(pattern(p).isValid(), messages(pattern(p).errors()).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[domain-name:value ISSUBSET 'example.com']", "[ipv4-addr:value ISSUBSET 'example.com']",
            "[ipv4-addr:value ISSUPERSET '2001:db8::/32']", "[file:name ISSUPERSET '10.0.0.0/8']",
            "[ipv4-addr:value = '10.0.0.1' OR url:value ISSUBSET '10.0.0.0/8']"})
    void setOperatorsOnAnythingElse(String p) throws Exception {
        ValidationReport r = pattern(p);
        assertEquals(1, r.errors().size(), messages(r.errors()).toString());
        assertTrue(r.errors().get(0).message().contains("§9.6.1"), r.errors().get(0).message());
    }
}
