package nl.camiso.stix;

import nl.camiso.stix.StixObject.Reference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StixObjectTest {

    private static StixObject obj(String json) throws IOException {
        return StixObject.of(StixJson.parse(json));
    }

    private static StixObject corpusObject(String file, String id) throws IOException {
        return Bundle.read(TestCorpus.file(file)).stream().filter(o -> id.equals(o.id())).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + file));
    }

    @Test
    void commonPropertiesOfAnIndicator() throws IOException {
        StixObject o = obj("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
                + "\"created_by_ref\":\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\","
                + "\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.1234Z\",\"revoked\":true,\"lang\":\"nl\","
                + "\"object_marking_refs\":[\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\"],"
                + "\"granular_markings\":[{\"selectors\":[\"name\"],\"marking_ref\":\"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed\"},"
                + "{\"selectors\":[\"description\"],\"lang\":\"en\"}],"
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\",\"pattern_version\":\"2.1\","
                + "\"valid_from\":\"2016-01-01T00:00:00Z\",\"valid_until\":\"2017-01-01T00:00:00.5Z\"}");
        assertEquals("indicator", o.type());
        assertEquals("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", o.id());
        assertEquals("2.1", o.specVersion());
        assertEquals("2016-04-06T20:03:48.000Z", o.created().orElseThrow().text());
        assertEquals("2016-04-06T20:03:48.1234Z", o.modified().orElseThrow().text());
        assertEquals("2016-04-06T20:03:48.1234Z", o.versionText());
        assertTrue(o.revoked());
        assertEquals("nl", o.lang());
        assertEquals("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff", o.createdByRef());
        assertEquals(List.of("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"), o.objectMarkingRefs());
        assertEquals(2, o.granularMarkings().size());
        assertEquals(List.of("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"), o.granularMarkingRefs());
        assertEquals("[ipv4-addr:value = '198.51.100.7']", o.pattern());
        assertEquals("stix", o.patternType());
        assertEquals("2.1", o.patternVersion());
        assertEquals("2016-01-01T00:00:00Z", o.validFrom().orElseThrow().text());
        assertEquals("2017-01-01T00:00:00.5Z", o.validUntil().orElseThrow().text());
        assertFalse(o.isCyberObservable());
    }

    @Test
    void absentOrWronglyTypedPropertiesGiveEmptyValues() throws IOException {
        StixObject o = obj("{\"type\":\"ipv4-addr\",\"id\":5,\"created\":\"yesterday\",\"revoked\":\"true\",\"object_marking_refs\":\"x\","
                + "\"granular_markings\":{},\"where_sighted_refs\":[1,\"identity--a\"]}");
        assertNull(o.id());
        assertTrue(o.created().isEmpty(), "invalid timestamp is empty, not an exception");
        assertTrue(o.modified().isEmpty());
        assertFalse(o.revoked());
        assertNull(o.createdByRef());
        assertEquals("yesterday", o.versionText(), "the version text is the text, checked by the validator");
        assertEquals(List.of(), o.objectMarkingRefs());
        assertEquals(List.of(), o.granularMarkings());
        assertEquals(List.of("identity--a"), o.whereSightedRefs());
        assertTrue(o.isCyberObservable());
        assertThrows(IllegalArgumentException.class, () -> StixObject.of(StixJson.parse("[]")));
    }

    @Test
    void relationshipAccessorsAndReferences() throws IOException {
        StixObject r = corpusObject("oasis-cti-documentation/using-granular-markings.json", "relationship--3d1dd3cc-eb47-4704-9c77-ceff2971b95c");
        assertEquals("indicates", r.relationshipType());
        assertEquals("indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1", r.sourceRef());
        assertEquals("threat-actor--8b6297fe-cae7-47c6-9256-5584b417849c", r.targetRef());
        assertEquals(List.of(
                new Reference("source_ref", "indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1"),
                new Reference("target_ref", "threat-actor--8b6297fe-cae7-47c6-9256-5584b417849c"),
                new Reference("object_marking_refs[0]", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed")),
                r.references());
    }

    @Test
    void sightingAccessorsAndReferences() throws IOException {
        StixObject s = corpusObject("oasis-cti-documentation/sighting-of-observed-data.json", "sighting--779c4ae8-e134-4180-baa4-03141095d971");
        assertEquals("malware--ae560258-a5cb-4be8-8f05-013d6712295f", s.sightingOfRef());
        assertEquals(List.of("observed-data--cf8eaa41-6f4c-482e-89b9-9cd2d6a83cb1", "observed-data--a0d34360-66ad-4977-b255-d9e1080421c4"),
                s.observedDataRefs());
        assertEquals(List.of("identity--987eeee1-413a-44ac-96cc-0a8acdcc2f2c"), s.whereSightedRefs());
        assertEquals(List.of(
                new Reference("created_by_ref", "identity--987eeee1-413a-44ac-96cc-0a8acdcc2f2c"),
                new Reference("sighting_of_ref", "malware--ae560258-a5cb-4be8-8f05-013d6712295f"),
                new Reference("observed_data_refs[0]", "observed-data--cf8eaa41-6f4c-482e-89b9-9cd2d6a83cb1"),
                new Reference("observed_data_refs[1]", "observed-data--a0d34360-66ad-4977-b255-d9e1080421c4"),
                new Reference("where_sighted_refs[0]", "identity--987eeee1-413a-44ac-96cc-0a8acdcc2f2c")),
                s.references());
        // identity appears twice as a reference, once as an id
        assertEquals(4, s.referencedIds().size());
    }

    @Test
    void reportReferencesEveryObjectRef() throws IOException {
        StixObject report = corpusObject("oasis-cti-documentation/poisonivy.json", "report--f2b63e80-b523-4747-a069-35c002c690db");
        List<Reference> refs = report.references();
        assertEquals(1 + 153, refs.size());
        assertEquals(new Reference("created_by_ref", "identity--81cade27-7df8-4730-836b-62d880e6d9d3"), refs.get(0));
        assertEquals(new Reference("object_refs[0]", "malware--591f0cb7-d66f-4e14-a8e6-5927b597f920"), refs.get(1));
        assertEquals("object_refs[152]", refs.get(153).path());
    }

    @Test
    void observedDataReferences() throws IOException {
        StixObject od = corpusObject("oasis-cti-documentation/sighting-of-observed-data.json", "observed-data--cf8eaa41-6f4c-482e-89b9-9cd2d6a83cb1");
        assertEquals(List.of(
                new Reference("created_by_ref", "identity--987eeee1-413a-44ac-96cc-0a8acdcc2f2c"),
                new Reference("object_refs[0]", "file--364fe3e5-b1f4-5ba3-b951-ee5983b3538d")), od.references());
    }

    @Test
    void deprecatedObservedDataObjectsHoldLocalKeysNotReferences() throws IOException {
        StixObject od = obj("{\"type\":\"observed-data\",\"id\":\"observed-data--1\",\"objects\":{"
                + "\"0\":{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.3\"},"
                + "\"1\":{\"type\":\"network-traffic\",\"src_ref\":\"0\",\"protocols\":[\"tcp\"]}},"
                + "\"object_marking_refs\":[\"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82\"]}");
        assertEquals(List.of(new Reference("object_marking_refs[0]", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")),
                od.references());
    }

    @Test
    void networkTrafficReferences() throws IOException {
        StixObject nt = corpusObject("oasis-python-stix2/sco-examples-bundle.json", "network-traffic--ac267abc-1a41-536d-8e8d-98458d9bf491");
        assertEquals(List.of(
                new Reference("src_ref", "ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53"),
                new Reference("dst_ref", "ipv4-addr--e42c19c8-f9fe-5ae9-9fc8-22c398f78fb7"),
                new Reference("encapsulates_refs[0]", "network-traffic--53e0bf48-2eee-5c03-8bde-ed7049d2c0a3")), nt.references());
    }

    @Test
    void nestedReferencesInListsOfObjectsAndExtensions() throws IOException {
        StixObject mail = corpusObject("oasis-python-stix2/sco-examples-bundle.json", "email-message--cf9b4b7f-14c8-5955-8065-020e0316b559");
        assertEquals(List.of(
                new Reference("from_ref", "email-addr--89f52ea8-d6ef-51e9-8fce-6a29236436ed"),
                new Reference("to_refs[0]", "email-addr--d1b3bf0c-f02a-51a1-8102-11aba7959868"),
                new Reference("cc_refs[0]", "email-addr--e4ee5301-b52d-59cd-a8fa-8036738c7194"),
                new Reference("body_multipart[1].body_raw_ref", "artifact--4cce66f8-6eaa-53cb-85d5-3a85fca3a6c5"),
                new Reference("body_multipart[2].body_raw_ref", "file--6ce09d9c-0ad3-5ebf-900c-e3cb288955b5")), mail.references());

        StixObject zip = corpusObject("oasis-python-stix2/sco-examples-bundle.json", "file--9a1f834d-2506-5367-baec-7aa63996ac43");
        assertEquals(List.of(
                new Reference("extensions.archive-ext.contains_refs[0]", "file--019fde1c-94ca-5967-8b3c-a906a51d87ac"),
                new Reference("extensions.archive-ext.contains_refs[1]", "file--94fc2163-dec3-5715-b824-6e689c4de865"),
                new Reference("extensions.archive-ext.contains_refs[2]", "file--d07ff290-d7e0-545b-a2ff-04602a9e0b73")), zip.references());
    }

    @Test
    void granularMarkingReferences() throws IOException {
        StixObject ind = corpusObject("oasis-cti-documentation/using-granular-markings.json", "indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1");
        assertEquals(List.of(
                new Reference("created_by_ref", "identity--b38dfe21-7477-40d1-aa90-5c8671ce51ca"),
                new Reference("granular_markings[0].marking_ref", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"),
                new Reference("granular_markings[1].marking_ref", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
                new Reference("granular_markings[2].marking_ref", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da")),
                ind.references());
    }

    @Test
    void customAndOddlyNamedReferences() throws IOException {
        StixObject o = obj("{\"type\":\"x-acme\",\"id\":\"x-acme--1\",\"x_acme_owner_ref\":\"identity--9\","
                + "\"extensions\":{\"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e\":{\"extension_type\":\"property-extension\","
                + "\"deep\":{\"list\":[[{\"target_ref\":\"indicator--7\"}]],\"odd.key\":{\"sample_refs\":[\"file--1\",3,\"file--2\"]}}}},"
                + "\"not_a_reference\":\"indicator--x\",\"external_references\":[{\"source_name\":\"x\",\"url\":\"https://example.com\"}],"
                + "\"labels_ref\":[\"not a list property\"],\"name_refs\":\"not a list\"}");
        String ext = "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e";
        assertEquals(List.of(
                new Reference("x_acme_owner_ref", "identity--9"),
                new Reference(ext + ".deep.list[0][0].target_ref", "indicator--7"),
                new Reference(ext + ".deep['odd.key'].sample_refs[0]", "file--1"),
                new Reference(ext + ".deep['odd.key'].sample_refs[2]", "file--2")), o.references());
        assertEquals(Set.of("identity--9", "indicator--7", "file--1", "file--2"), o.referencedIds());
    }

    @Test
    void everyCorpusObjectsReferencesPointAtIdentifiers() throws IOException {
        // in the clean spec examples every reference found is a well-formed type--uuid identifier
        int found = 0;
        for (String f : List.of("oasis-cti-documentation/apt1.json", "oasis-cti-documentation/poisonivy.json",
                "oasis-cti-documentation/sighting-of-observed-data.json", "oasis-python-stix2/sco-examples-bundle.json")) {
            for (StixObject o : Bundle.read(TestCorpus.file(f))) {
                for (Reference r : o.references()) {
                    assertTrue(r.id().matches("[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                            f + " " + o.id() + " " + r);
                    found++;
                }
            }
        }
        assertTrue(found > 500, "found " + found);
    }
}
