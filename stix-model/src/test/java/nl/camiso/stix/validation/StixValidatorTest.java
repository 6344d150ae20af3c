package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Rule by rule: a valid base object per type gives no issue; each case changes it (a JSON patch,
 * where "__remove__" deletes a property) and expects one issue at a path with a message fragment.
 */
class StixValidatorTest {

    private static final StixValidator VALIDATOR = new StixValidator();
    private static final String REMOVE = "__remove__";

    private static final Map<String, String> BASE = Map.ofEntries(
            Map.entry("indicator", """
                    {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                     "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","name":"C2",
                     "indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '198.51.100.7']",
                     "pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z",
                     "created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
                     "external_references":[{"source_name":"capec","external_id":"CAPEC-163"},
                                            {"source_name":"cve","external_id":"CVE-2016-1234"},
                                            {"source_name":"site","url":"https://example.com/a?b=c#d"}],
                     "object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],
                     "granular_markings":[{"selectors":["name","external_references.[0].source_name"],"lang":"nl"}],
                     "kill_chain_phases":[{"kill_chain_name":"lockheed-martin-cyber-kill-chain","phase_name":"delivery"}]}
                    """),
            Map.entry("relationship", """
                    {"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
                     "created":"2016-04-06T20:06:37.000Z","modified":"2016-04-06T20:06:37.000Z","relationship_type":"indicates",
                     "source_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                     "target_ref":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"}
                    """),
            Map.entry("sighting", """
                    {"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75",
                     "created":"2016-04-06T20:08:31.000Z","modified":"2016-04-06T20:08:31.000Z",
                     "sighting_of_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                     "where_sighted_refs":["identity--b67d30ff-02ac-498a-92f9-32f845f448ff"],"count":3,
                     "first_seen":"2016-04-06T20:08:31Z","last_seen":"2016-04-07T20:08:31Z"}
                    """),
            Map.entry("malware", """
                    {"type":"malware","spec_version":"2.1","id":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b",
                     "created":"2016-04-06T20:07:09.000Z","modified":"2016-04-06T20:07:09.000Z","name":"Poison Ivy",
                     "is_family":true,"malware_types":["remote-access-trojan"]}
                    """),
            Map.entry("observed-data", """
                    {"type":"observed-data","spec_version":"2.1","id":"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
                     "created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z",
                     "first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":50,
                     "object_refs":["ipv4-addr--efcd5e80-570d-4131-b213-62cb18eaa6a8"]}
                    """),
            Map.entry("location", """
                    {"type":"location","spec_version":"2.1","id":"location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64",
                     "created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z",
                     "latitude":48.8566,"longitude":2.3522,"region":"western-europe"}
                    """),
            Map.entry("file", """
                    {"type":"file","spec_version":"2.1","id":"file--9a1f834d-2506-5367-baec-7aa63996ed39",
                     "name":"foo.exe","size":25536,"hashes":{"SHA-256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
                     "magic_number_hex":"ffd8"}
                    """),
            Map.entry("network-traffic", """
                    {"type":"network-traffic","spec_version":"2.1","id":"network-traffic--630d7bb1-0bbc-53a6-a6d4-f3c2d35c2734",
                     "src_ref":"ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53","dst_port":443,"protocols":["ipv4","tcp"],
                     "start":"2016-04-06T20:03:48Z","end":"2016-04-06T20:05:48Z"}
                    """),
            Map.entry("artifact", """
                    {"type":"artifact","spec_version":"2.1","id":"artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641",
                     "mime_type":"image/png","payload_bin":"aGVsbG8="}
                    """),
            Map.entry("url", """
                    {"type":"url","spec_version":"2.1","id":"url--c1477287-23ac-5971-a010-5c287877fa60",
                     "value":"https://example.com/research/index.html"}
                    """),
            Map.entry("marking-definition", """
                    {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f",
                     "created":"2017-01-20T00:00:00.000Z","definition_type":"statement",
                     "definition":{"statement":"Copyright 2019, Example Corp"}}
                    """),
            Map.entry("language-content", """
                    {"type":"language-content","spec_version":"2.1","id":"language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d",
                     "created":"2017-02-08T21:31:22.007Z","modified":"2017-02-08T21:31:22.007Z",
                     "object_ref":"course-of-action--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                     "object_modified":"2017-02-08T21:31:22.007Z","contents":{"nl":{"name":"Blokkeer IP"}}}
                    """),
            Map.entry("extension-definition", """
                    {"type":"extension-definition","spec_version":"2.1","id":"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e",
                     "created":"2014-02-20T09:16:08.000Z","modified":"2014-02-20T09:16:08.000Z",
                     "created_by_ref":"identity--11b76a96-5d2b-45e0-8a5a-f6994f370731","name":"New SDO 1",
                     "schema":"https://www.example.com/schema-newsdo-1/v1/","version":"1.2.1","extension_types":["new-sdo"]}
                    """),
            Map.entry("custom", """
                    {"type":"x-acme-widget","spec_version":"2.1","id":"x-acme-widget--2d2bb2d4-1d9b-4b8b-8a2c-1f7f4c3b6a11",
                     "created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","x_acme_size":3,
                     "extensions":{"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e":{"extension_type":"new-sdo"}}}
                    """));

    private static JsonNode build(String base, String patch) throws Exception {
        ObjectNode o = (ObjectNode) StixJson.parse(BASE.get(base));
        JsonNode p = StixJson.parse(patch);
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual() && REMOVE.equals(e.getValue().textValue())) {
                o.remove(e.getKey());
            } else {
                o.set(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    @ParameterizedTest(name = "base {0} is valid")
    @MethodSource("bases")
    void baseObjectsAreValidWithoutWarnings(String base) throws Exception {
        ValidationReport r = VALIDATOR.validateObject(build(base, "{}"));
        assertEquals(List.of(), r.issues().stream().map(Object::toString).toList());
    }

    static Stream<String> bases() {
        return BASE.keySet().stream().sorted();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // common properties, identifiers, timestamps
                arguments("indicator", "{\"type\":\"__remove__\"}", "type", "required property 'type'"),
                arguments("indicator", "{\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3\"}", "id", "RFC 4122 UUID"),
                arguments("indicator", "{\"id\":\"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"}", "id", "prefix must be the object's type"),
                arguments("indicator", "{\"id\":\"indicator--8e2e2d2b-17d4-6cbf-938f-98ee46b3cd3f\"}", "id", "RFC 4122"),
                // hex digits are ASCII: Character.digit(c, 16) would also take fullwidth and other scripts' digits
                arguments("indicator", "{\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3\uff11\"}", "id", "RFC 4122 UUID"),
                arguments("relationship", "{\"target_ref\":\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891\u0661\"}", "target_ref", "RFC 4122 UUID"),
                arguments("file", "{\"hashes\":{\"MD5\":\"" + "\uff10".repeat(32) + "\"}}", "hashes.MD5", "not a valid MD5 hash"),
                arguments("indicator", "{\"external_references\":[{\"source_name\":\"x\",\"url\":\"https://a.b/%\uff12\uff10\"}]}",
                        "external_references[0].url", "not a valid URL"),
                arguments("indicator", "{\"spec_version\":\"2.0\"}", "spec_version", "must be \"2.1\""),
                arguments("indicator", "{\"spec_version\":\"__remove__\"}", "spec_version", "required property"),
                arguments("indicator", "{\"created\":\"2016-04-06T20:03:48Z\",\"modified\":\"2016-04-06T20:03:48Z\"}", "created", "millisecond precision"),
                arguments("indicator", "{\"modified\":\"2016-02-30T20:03:48.000Z\"}", "modified", "real calendar date"),
                arguments("indicator", "{\"modified\":\"2016-04-06T20:03:48.000+01:00\"}", "modified", "not a valid timestamp"),
                arguments("indicator", "{\"modified\":\"2016-04-06T20:03:48.Z\"}", "modified", "not a valid timestamp"),
                arguments("indicator", "{\"created\":\"2016-04-06T20:03:48.000123Z\"}", "modified", "must not be earlier than 'created'"),
                arguments("indicator", "{\"confidence\":101}", "confidence", "between 0 and 100"),
                arguments("indicator", "{\"confidence\":50.5}", "confidence", "must be an integer"),
                arguments("indicator", "{\"revoked\":\"yes\"}", "revoked", "must be a boolean"),
                arguments("indicator", "{\"lang\":\"english language\"}", "lang", "RFC 5646"),
                arguments("indicator", "{\"labels\":[]}", "labels", "empty list"),
                arguments("indicator", "{\"description\":null}", "description", "must not be null"),
                arguments("indicator", "{\"x_acme_data\":{}}", "x_acme_data", "empty dictionary"),
                arguments("indicator", "{\"severity\":\"high\"}", "severity", "reserved property name"),
                arguments("indicator", "{\"X-Bad\":1}", "X-Bad", "custom property name"),
                arguments("indicator", "{\"x_big\":9007199254740992}", "x_big", "STIX integer range"),
                arguments("indicator", "{\"defanged\":true}", "defanged", "must not be used"),
                arguments("indicator", "{\"created_by_ref\":\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\"}", "created_by_ref", "must refer to identity"),
                arguments("indicator", "{\"created_by_ref\":\"identity-31b940d4\"}", "created_by_ref", "references must be identifiers"),
                arguments("indicator", "{\"object_marking_refs\":[\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\"]}", "object_marking_refs[0]", "must refer to marking-definition"),
                // external references
                arguments("indicator", "{\"external_references\":[{\"source_name\":\"x\"}]}", "external_references[0]", "at least one of 'description', 'url' or 'external_id'"),
                arguments("indicator", "{\"external_references\":[{\"url\":\"https://example.com\"}]}", "external_references[0].source_name", "required property"),
                arguments("indicator", "{\"external_references\":[{\"source_name\":\"cve\",\"external_id\":\"CVE-2016-123\"}]}", "external_references[0].external_id", "CVE id"),
                arguments("indicator", "{\"external_references\":[{\"source_name\":\"capec\",\"external_id\":\"163\"}]}", "external_references[0].external_id", "CAPEC id"),
                arguments("indicator", "{\"external_references\":[{\"source_name\":\"x\",\"url\":\"hxxp://evil[.]com\"}]}", "external_references[0].url", "not a valid URL"),
                arguments("indicator", "{\"external_references\":[{\"source_name\":\"x\",\"url\":\"https://a.b\",\"hashes\":{\"MD5\":\"abc\"}}]}", "external_references[0].hashes.MD5", "not a valid MD5 hash"),
                // granular markings
                arguments("indicator", "{\"granular_markings\":[{\"selectors\":[\"description\"],\"lang\":\"nl\"}]}", "granular_markings[0].selectors[0]", "not present"),
                arguments("indicator", "{\"granular_markings\":[{\"selectors\":[\"external_references.[3]\"],\"lang\":\"nl\"}]}", "granular_markings[0].selectors[0]", "list index 3"),
                arguments("indicator", "{\"granular_markings\":[{\"selectors\":[\"name.[0]\"],\"lang\":\"nl\"}]}", "granular_markings[0].selectors[0]", "not a list"),
                arguments("indicator", "{\"granular_markings\":[{\"selectors\":[\"name\"]}]}", "granular_markings[0]", "exactly one of 'marking_ref' or 'lang'"),
                arguments("indicator", "{\"granular_markings\":[{\"selectors\":[\"name\"],\"marking_ref\":\"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff\"}]}", "granular_markings[0].marking_ref", "must refer to a marking-definition"),
                // kill chain, extensions
                arguments("indicator", "{\"kill_chain_phases\":[{\"kill_chain_name\":\"x\"}]}", "kill_chain_phases[0].phase_name", "required property"),
                arguments("indicator", "{\"extensions\":{\"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e\":{\"rank\":5}}}", "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e.extension_type", "required property 'extension_type'"),
                arguments("indicator", "{\"extensions\":{\"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e\":{\"extension_type\":\"new-thing\"}}}", "extensions.extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e.extension_type", "not an extension type"),
                // indicator
                arguments("indicator", "{\"valid_until\":\"2016-01-01T00:00:00Z\"}", "valid_until", "must be later than 'valid_from'"),
                arguments("indicator", "{\"pattern\":\"\"}", "pattern", "invalid STIX pattern"),
                arguments("indicator", "{\"pattern_type\":\"__remove__\"}", "pattern_type", "required property"),
                // relationship / sighting
                arguments("relationship", "{\"relationship_type\":\"Indicates\"}", "relationship_type", "only a-z, 0-9 and '-'"),
                arguments("relationship", "{\"source_ref\":\"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad\"}", "source_ref", "must refer to an SDO or SCO"),
                arguments("relationship", "{\"target_ref\":\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\"}", "target_ref", "must refer to an SDO or SCO"),
                arguments("relationship", "{\"start_time\":\"2016-01-01T00:00:00Z\",\"stop_time\":\"2016-01-01T00:00:00Z\"}", "stop_time", "must be later than 'start_time'"),
                arguments("sighting", "{\"sighting_of_ref\":\"ipv4-addr--efcd5e80-570d-4131-b213-62cb18eaa6a8\"}", "sighting_of_ref", "must refer to an SDO"),
                arguments("sighting", "{\"where_sighted_refs\":[\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\"]}", "where_sighted_refs[0]", "identity, location"),
                arguments("sighting", "{\"observed_data_refs\":[\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\"]}", "observed_data_refs[0]", "observed-data"),
                arguments("sighting", "{\"count\":1000000000}", "count", "between 0 and 999999999"),
                arguments("sighting", "{\"last_seen\":\"2016-04-05T20:08:31Z\"}", "last_seen", "later than or equal to 'first_seen'"),
                // SDO rules
                arguments("malware", "{\"is_family\":\"__remove__\"}", "is_family", "required property"),
                arguments("malware", "{\"name\":\"__remove__\"}", "name", "required when 'is_family' is true"),
                arguments("malware", "{\"sample_refs\":[\"url--c1477287-23ac-5971-a010-5c287877fa60\"]}", "sample_refs[0]", "file, artifact"),
                arguments("observed-data", "{\"number_observed\":0}", "number_observed", "between 1 and 999999999"),
                arguments("observed-data", "{\"last_observed\":\"2015-12-20T19:00:00Z\"}", "last_observed", "later than or equal"),
                arguments("observed-data", "{\"object_refs\":\"__remove__\"}", "object_refs", "exactly one of 'object_refs' or 'objects'"),
                arguments("observed-data", "{\"object_refs\":[\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\"]}", "object_refs[0]", "must refer to an SCO or SRO"),
                arguments("location", "{\"longitude\":\"__remove__\",\"region\":\"__remove__\"}", "", "at least one of 'region'"),
                arguments("location", "{\"latitude\":91}", "latitude", "between -90 and 90"),
                arguments("location", "{\"longitude\":\"__remove__\"}", "longitude", "given together"),
                // SCOs
                arguments("file", "{\"size\":-1}", "size", "between 0"),
                arguments("file", "{\"hashes\":{\"SHA-256\":\"abc\"}}", "hashes.SHA-256", "not a valid SHA-256 hash"),
                arguments("file", "{\"hashes\":{\"m5\":\"abc\"}}", "hashes.m5", "3-250 characters"),
                arguments("file", "{\"name\":\"__remove__\",\"hashes\":\"__remove__\"}", "", "at least one of 'hashes' or 'name'"),
                arguments("file", "{\"magic_number_hex\":\"ffd\"}", "magic_number_hex", "even number of hexadecimal digits"),
                arguments("file", "{\"parent_directory_ref\":\"file--9a1f834d-2506-5367-baec-7aa63996ed39\"}", "parent_directory_ref", "must refer to directory"),
                arguments("file", "{\"extensions\":{\"acme\":{\"x\":1}}}", "extensions.acme", "must end with '-ext'"),
                arguments("network-traffic", "{\"src_ref\":\"__remove__\"}", "", "at least one of 'src_ref' or 'dst_ref'"),
                arguments("network-traffic", "{\"dst_port\":65536}", "dst_port", "between 0 and 65535"),
                arguments("network-traffic", "{\"end\":\"2016-04-06T20:00:00Z\"}", "end", "later than or equal to 'start'"),
                arguments("network-traffic", "{\"is_active\":true}", "end", "must not be present when 'is_active'"),
                arguments("artifact", "{\"payload_bin\":\"aGVsbG8\"}", "payload_bin", "base64"),
                arguments("artifact", "{\"url\":\"https://example.com/x\"}", "url", "must not be present together with 'payload_bin'"),
                arguments("artifact", "{\"payload_bin\":\"__remove__\",\"url\":\"https://example.com/x\"}", "hashes", "required when 'url'"),
                arguments("artifact", "{\"payload_bin\":\"__remove__\",\"mime_type\":\"text/plain\",\"id\":\"artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641\"}", "id", "UUIDv4"),
                arguments("url", "{\"value\":\"hxxps://ptpb[.]pw/OAZG\"}", "value", "not a valid URL"),
                arguments("url", "{\"value\":\"example.com/path\"}", "value", "not a valid URL"),
                arguments("url", "{\"defanged\":\"no\"}", "defanged", "must be a boolean"),
                // meta objects
                arguments("marking-definition", "{\"definition\":\"__remove__\"}", "definition", "required when 'extensions' is absent"),
                arguments("marking-definition", "{\"definition_type\":\"tlp\",\"definition\":{\"tlp\":\"green\"}}", "id", "TLP 1.0 marking must use"),
                arguments("marking-definition", "{\"object_marking_refs\":[\"marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f\"]}", "object_marking_refs[0]", "must not mark itself"),
                arguments("marking-definition", "{\"definition\":{\"text\":\"x\"}}", "definition.statement", "string 'statement'"),
                arguments("language-content", "{\"contents\":{\"dutch!\":{\"name\":\"x\"}}}", "contents.dutch!", "RFC 5646"),
                arguments("language-content", "{\"object_ref\":\"bundle--b86bd89f-98bb-4fa9-8cb2-9ad421da981d\"}", "object_ref", "must refer to any STIX object"),
                arguments("language-content", "{\"object_modified\":\"yesterday\"}", "object_modified", "not a valid timestamp"),
                arguments("extension-definition", "{\"created_by_ref\":\"__remove__\"}", "created_by_ref", "required property"),
                arguments("extension-definition", "{\"extension_types\":[\"new-thing\"]}", "extension_types[0]", "not an allowed value"),
                arguments("extension-definition", "{\"extension_properties\":[\"rank\"]}", "extension_properties", "toplevel-property-extension"),
                // custom objects
                arguments("custom", "{\"modified\":\"__remove__\"}", "modified", "required property 'modified'"),
                arguments("custom", "{\"type\":\"x--acme\",\"id\":\"x--acme--2d2bb2d4-1d9b-4b8b-8a2c-1f7f4c3b6a11\"}", "type", "must not contain '--'"));
    }

    @ParameterizedTest(name = "{0} {1} → error at {2}")
    @MethodSource("errors")
    void reportsError(String base, String patch, String path, String fragment) throws Exception {
        ValidationReport r = VALIDATOR.validateObject(build(base, patch));
        assertTrue(r.errors().stream().anyMatch(i -> i.path().equals(path) && i.message().contains(fragment)),
                "expected error at '" + path + "' containing '" + fragment + "', got " + r.issues());
    }

    static Stream<Arguments> warnings() {
        return Stream.of(
                arguments("indicator", "{\"indicator_types\":[\"evil\"]}", "indicator_types[0]", "open vocabulary"),
                arguments("indicator", "{\"pattern_type\":\"acme\"}", "pattern_type", "open vocabulary"),
                arguments("indicator", "{\"id\":\"indicator--8e2e2d2b-17d4-5cbf-938f-98ee46b3cd3f\"}", "id", "should use UUIDv4"),
                arguments("indicator", "{\"name\":\"__remove__\",\"granular_markings\":\"__remove__\"}", "name", "name or a description"),
                arguments("indicator", "{\"acme_field\":1}", "acme_field", "should start with 'x_'"),
                arguments("relationship", "{\"relationship_type\":\"subtechnique-of\"}", "relationship_type", "not a relationship type defined"),
                arguments("file", "{\"hashes\":{\"sha256\":\"abc\"}}", "hashes.sha256", "hash-algorithm-ov"),
                arguments("file", "{\"magic_number_hex\":\"FFD8\"}", "magic_number_hex", "lowercase"),
                arguments("location", "{\"region\":\"mars\"}", "region", "open vocabulary"),
                arguments("custom", "{\"x_acme_parts\":[{\"sub\":[]}]}", "x_acme_parts[0].sub", "empty list inside custom content"));
    }

    @ParameterizedTest(name = "{0} {1} → warning at {2}")
    @MethodSource("warnings")
    void reportsWarningNotError(String base, String patch, String path, String fragment) throws Exception {
        ValidationReport r = VALIDATOR.validateObject(build(base, patch));
        assertTrue(r.isValid(), "no error expected, got " + r.errors());
        assertTrue(r.warnings().stream().anyMatch(i -> i.path().equals(path) && i.message().contains(fragment)),
                "expected warning at '" + path + "' containing '" + fragment + "', got " + r.issues());
    }

    @Test
    void allNineTlpMarkingsAreValidAndAChangedOneIsNot() throws Exception {
        for (String id : TlpMarkings.ids()) {
            JsonNode tlp = TlpMarkings.definition(id).orElseThrow();
            assertEquals(List.of(), VALIDATOR.validateObject(tlp).errors(), id);
            ObjectNode changed = (ObjectNode) tlp.deepCopy();
            changed.put("name", "TLP:SOMETHING");
            assertTrue(VALIDATOR.validateObject(changed).errors().stream()
                    .anyMatch(i -> i.message().contains("must be exactly the published one")), id);
        }
    }

    @Test
    void tlp2ExtensionUnderAnotherIdIsAnError() throws Exception {
        ObjectNode fake = (ObjectNode) TlpMarkings.definition(TlpMarkings.TLP2_RED).orElseThrow();
        fake.put("id", "marking-definition--0b6b5dc3-64fc-4a0b-9d7b-2a17e47b6c09");
        assertTrue(VALIDATOR.validateObject(fake).errors().stream().anyMatch(i -> i.path().equals("id")
                && i.message().contains("TLP 2.0 marking must use")));
    }

    @Test
    void collectsAllErrorsWithObjectIds() throws Exception {
        JsonNode o = build("indicator", "{\"confidence\":200,\"labels\":[],\"spec_version\":\"2.0\"}");
        ValidationReport r = VALIDATOR.validateObject(o);
        assertEquals(3, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().stream().allMatch(i -> "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f".equals(i.objectId())));
    }

    @Test
    void everyRepeatedVersionInAListIsWarnedAboutOnceWithItsFirstOccurrence() throws Exception {
        String v1 = BASE.get("malware");
        String v2 = StixJson.write(build("malware", "{\"modified\":\"2017-01-01T00:00:00.000Z\"}"));
        String other = BASE.get("relationship");
        JsonNode list = StixJson.parse("[" + String.join(",", v1, other, v2, v1, v2, v1, other) + "]");
        List<String> duplicates = VALIDATOR.validate(list).warnings().stream()
                .filter(i -> i.message().startsWith("duplicate object"))
                .map(i -> i.objectId() + " " + i.message().substring(i.message().lastIndexOf("object ")))
                .toList();
        assertEquals(List.of("malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b object 0 of the list",
                "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b object 2 of the list",
                "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b object 0 of the list",
                "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad object 1 of the list"), duplicates);
    }

    @Test
    void validatesBundlesArraysAndSingleObjects() throws Exception {
        String good = BASE.get("malware");
        String bad = StixJson.write(build("malware", "{\"aliases\":[]}"));
        JsonNode bundle = StixJson.parse("{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
                + good + "," + bad + "]}");
        // the bad one's own error, and two different representations of one version (§3.6)
        assertEquals(2, VALIDATOR.validate(bundle).errors().size(), VALIDATOR.validate(bundle).errors().toString());
        assertEquals(2, VALIDATOR.validate(StixJson.parse("[" + good + "," + bad + "]")).errors().size());
        // the same version twice, identical, is only redundant: a warning
        JsonNode twice = StixJson.parse("{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
                + good + "," + good + "]}");
        assertTrue(VALIDATOR.validate(twice).isValid());
        assertTrue(VALIDATOR.validate(twice).warnings().stream().anyMatch(i -> i.message().contains("duplicate object")));
        assertTrue(VALIDATOR.validate(StixJson.parse(good)).isValid());
        assertTrue(VALIDATOR.validate(StixJson.parse("[" + good + ", 3]")).errors().stream()
                .anyMatch(i -> i.path().equals("[1]")));
        assertTrue(VALIDATOR.validate(StixJson.parse("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[]}")).errors().size() == 2);
        assertTrue(VALIDATOR.validate(StixJson.parse("\"text\"")).errors().size() == 1);
    }

    @Test
    void messagesStayOnOneLine() throws Exception {
        ValidationReport r = VALIDATOR.validateObject(build("file", "{\"size\":\"1.8\\nMB\"}"));
        assertTrue(r.errors().stream().anyMatch(i -> i.message().contains("1.8\\nMB") && !i.message().contains("\n")), r.toString());
    }

    @Test
    void timestampsCompareAcrossPrecisions() {
        Ts a = Ts.parse("2016-04-06T20:03:48.000123Z");
        Ts b = Ts.parse("2016-04-06T20:03:48.000Z");
        Ts c = Ts.parse("2016-04-06T20:03:48Z");
        assertTrue(a.compareTo(b) > 0);
        assertEquals(0, b.compareTo(c));
        assertTrue(Ts.parse("2016-12-31T23:59:60Z").compareTo(Ts.parse("2016-12-31T23:59:59.999999999Z")) > 0);
        assertEquals(null, Ts.parse("2018-02-30T21:31:22.007Z"));
        assertEquals(null, Ts.parse("2016-02-29T24:00:00Z"));
        assertTrue(Ts.parse("2016-02-29T23:00:00Z") != null);
    }

    @Test
    void formatHelpers() {
        assertTrue(Formats.isUri("http://[2001:db8::1]:8080/a%20b?q#f"));
        assertTrue(!Formats.isUri("http://example[.]com/"));
        assertTrue(!Formats.isUri("http://example.com/a b"));
        assertTrue(Formats.isIpv4OrCidr("198.51.100.0/24") && !Formats.isIpv4OrCidr("198.51.100.256") && !Formats.isIpv4OrCidr("1.2.3"));
        assertTrue(Formats.isIpv6OrCidr("2001:db8::/32") && Formats.isIpv6OrCidr("::ffff:192.0.2.1") && !Formats.isIpv6OrCidr("2001:db8:::1"));
        assertTrue(Formats.isMac("d2:fb:49:24:37:18") && !Formats.isMac("D2:FB:49:24:37:18"));
        assertTrue(Formats.isLanguageTag("nl") && Formats.isLanguageTag("nl-NL") && Formats.isLanguageTag("zh-Hant-TW") && !Formats.isLanguageTag("dutch_NL"));
        assertTrue(ObjectCheck.isCve("CVE-2021-44228") && ObjectCheck.isCve("CVE-2014-0160") && !ObjectCheck.isCve("CVE-2014-01600"));
    }
}
