package nl.camiso.stix.id;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoIdsTest {

    private static JsonNode json(String s) throws IOException {
        return StixJson.parse(s);
    }

    /** The spec's three examples (STIX 2.1 errata 01 ids). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ipv4-addr, 198.51.100.3, ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
            "domain-name, example.com, domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7",
            "email-addr, john@example.com, email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934"})
    void specExamples(String type, String value, String expected) throws IOException {
        JsonNode sco = json("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"value\":\"" + value + "\",\"x_ignored\":1,\"defanged\":false}");
        assertEquals(Optional.of(expected), ScoIds.deterministicId(sco));
        assertEquals("{\"value\":\"" + value + "\"}", JsonCanonicalizer.canonicalize(ScoIds.contributingObject(sco, List.of("value"))));
        assertEquals(expected, ScoIds.idFor(sco));
    }

    @Test
    void uuidV5MatchesRfc4122() {
        // RFC 4122 Appendix B (errata-corrected) / Python uuid: uuid5(NAMESPACE_DNS, "python.org")
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals("886313e1-3b8a-5372-9b90-0c9aee199e5d",
                ScoIds.uuidV5(dns, "python.org".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void hashesContributeOneHashInPreferenceOrder() throws IOException {
        String all = "{\"SHA-512\":\"d\",\"SHA-256\":\"c\",\"SHA-1\":\"b\",\"MD5\":\"a\",\"TLSH\":\"t\"}";
        assertEquals("{\"hashes\":{\"MD5\":\"a\"},\"name\":\"f\"}", contributing("{\"type\":\"file\",\"name\":\"f\",\"hashes\":" + all + ",\"size\":3}"));
        assertEquals("{\"hashes\":{\"SHA-1\":\"b\"}}", contributing("{\"type\":\"file\",\"hashes\":{\"SHA-256\":\"c\",\"SHA-1\":\"b\"}}"));
        assertEquals("{\"hashes\":{\"SHA-256\":\"c\"}}", contributing("{\"type\":\"file\",\"hashes\":{\"SSDEEP\":\"s\",\"SHA-256\":\"c\",\"SHA-512\":\"d\"}}"));
        assertEquals("{\"hashes\":{\"SHA-512\":\"d\"}}", contributing("{\"type\":\"file\",\"hashes\":{\"TLSH\":\"t\",\"SHA-512\":\"d\"}}"));
        assertEquals("{\"hashes\":{\"TLSH\":\"t\"}}", contributing("{\"type\":\"file\",\"hashes\":{\"TLSH\":\"t\",\"SSDEEP\":\"s\"}}"), "none preferred: the first");
        assertEquals("{\"name\":\"f\"}", contributing("{\"type\":\"file\",\"name\":\"f\",\"hashes\":{}}"), "empty hashes contribute nothing");
        // same id whatever the other hashes and non-contributing properties
        assertEquals(ScoIds.deterministicId(json("{\"type\":\"file\",\"hashes\":{\"MD5\":\"a\"},\"name\":\"f\"}")),
                ScoIds.deterministicId(json("{\"type\":\"file\",\"name\":\"f\",\"size\":9,\"hashes\":{\"SHA-256\":\"c\",\"MD5\":\"a\"}}")));
    }

    private static String contributing(String sco) throws IOException {
        JsonNode n = json(sco);
        return JsonCanonicalizer.canonicalize(ScoIds.contributingObject(n, ScoIds.ID_CONTRIBUTING_PROPERTIES.get(n.get("type").textValue())));
    }

    @Test
    void noContributingPropertyMeansVersionFour() throws IOException {
        JsonNode process = json("{\"type\":\"process\",\"pid\":1221,\"command_line\":\"x\"}");
        assertEquals(Optional.empty(), ScoIds.deterministicId(process));
        assertTrue(StixIds.isUuidV4(ScoIds.idFor(process)));
        JsonNode emptySoftware = json("{\"type\":\"software\",\"languages\":[\"nl\"],\"name\":null}");
        assertEquals(Optional.empty(), ScoIds.deterministicId(emptySoftware));
        assertTrue(StixIds.isUuidV4(ScoIds.idFor(emptySoftware)));
        assertEquals(Optional.empty(), ScoIds.deterministicId(json("{\"type\":\"x-custom-sco\",\"value\":\"a\"}")), "unknown type");
    }

    @Test
    void customScoTypesWithTheirOwnContributingProperties() throws IOException {
        JsonNode sco = json("{\"type\":\"x-acme-thing\",\"serial\":\"42\",\"note\":\"n\"}");
        Optional<String> id = ScoIds.deterministicId("x-acme-thing", sco, List.of("serial"));
        assertTrue(id.isPresent() && StixIds.isUuidV5(id.get()) && id.get().startsWith("x-acme-thing--"));
        assertEquals(id, ScoIds.deterministicId("x-acme-thing", json("{\"serial\":\"42\"}"), List.of("serial")));
    }

    @Test
    void propertyOrderInTheObjectDoesNotMatter() throws IOException {
        assertEquals(ScoIds.deterministicId(json("{\"type\":\"network-traffic\",\"src_ref\":\"ipv4-addr--1\",\"protocols\":[\"tcp\"],\"dst_port\":80}")),
                ScoIds.deterministicId(json("{\"dst_port\":80,\"protocols\":[\"tcp\"],\"type\":\"network-traffic\",\"src_ref\":\"ipv4-addr--1\"}")));
    }

    // Not tested against oasis-python-stix2/sco-examples-bundle.json: its SCO ids predate errata 01
    // (198.51.100.3 appears there as ff26c055-..., the spec now gives 28bb3599-...), as the checklist warns.
}
