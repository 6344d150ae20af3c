package nl.camiso.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Small valid STIX 2.1 objects with fresh ids, so every test run is independent of earlier ones. */
final class Stix {

    static final String CREATED = "2024-01-01T00:00:00.000Z";

    private Stix() {
    }

    static String newId(String type) {
        return type + "--" + UUID.randomUUID();
    }

    static ObjectNode indicator() {
        return indicator(newId("indicator"), CREATED);
    }

    /** One version of an indicator: same id, {@code modified} given. */
    static ObjectNode indicator(String id, String modified) {
        ObjectNode o = sdo("indicator", id, modified);
        o.put("name", "conformance test indicator");
        o.put("pattern", "[ipv4-addr:value = '198.51.100.7']");
        o.put("pattern_type", "stix");
        o.put("valid_from", CREATED);
        return o;
    }

    static ObjectNode malware() {
        ObjectNode o = sdo("malware", newId("malware"), CREATED);
        o.put("name", "conformance test malware");
        o.put("is_family", false);
        return o;
    }

    static ObjectNode attackPattern() {
        ObjectNode o = sdo("attack-pattern", newId("attack-pattern"), CREATED);
        o.put("name", "conformance test attack pattern");
        return o;
    }

    /** A marking definition has no {@code modified}: its version is its {@code created}. */
    static ObjectNode statementMarking() {
        ObjectNode o = Json.object();
        o.put("type", "marking-definition");
        o.put("spec_version", "2.1");
        o.put("id", newId("marking-definition"));
        o.put("created", CREATED);
        o.put("definition_type", "statement");
        o.putObject("definition").put("statement", "conformance test statement");
        return o;
    }

    private static ObjectNode sdo(String type, String id, String modified) {
        ObjectNode o = Json.object();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", CREATED);
        o.put("modified", modified);
        return o;
    }

    static String envelope(ObjectNode... objects) {
        ObjectNode envelope = Json.object();
        ArrayNode list = envelope.putArray("objects");
        for (ObjectNode o : objects) {
            list.add(o);
        }
        return Json.write(envelope);
    }
}
