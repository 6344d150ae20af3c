package nl.camiso.stix.marking;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TLP marking-definition objects with their exact ids: TLP 1.0 from STIX 2.1 §7.2.1.4 and
 * TLP 2.0 from the OASIS CTI TC extension (extension-definition--60a3c5c5-…). Anything else that
 * claims to be TLP is not one of these and must be reported, not trusted.
 */
public final class TlpMarkings {

    /** The TLP 2.0 extension definition id. */
    public static final String TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    public static final String TLP1_WHITE = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
    public static final String TLP1_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    public static final String TLP1_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    public static final String TLP1_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    public static final String TLP2_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    public static final String TLP2_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    public static final String TLP2_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    public static final String TLP2_AMBER_STRICT = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    public static final String TLP2_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    private static final Map<String, Tlp> LEVEL_BY_ID = new LinkedHashMap<>();
    private static final Map<String, JsonNode> OBJECT_BY_ID = new LinkedHashMap<>();

    static {
        tlp1(TLP1_WHITE, "white", Tlp.CLEAR);
        tlp1(TLP1_GREEN, "green", Tlp.GREEN);
        tlp1(TLP1_AMBER, "amber", Tlp.AMBER);
        tlp1(TLP1_RED, "red", Tlp.RED);
        tlp2(TLP2_CLEAR, "clear", Tlp.CLEAR);
        tlp2(TLP2_GREEN, "green", Tlp.GREEN);
        tlp2(TLP2_AMBER, "amber", Tlp.AMBER);
        tlp2(TLP2_AMBER_STRICT, "amber+strict", Tlp.AMBER_STRICT);
        tlp2(TLP2_RED, "red", Tlp.RED);
    }

    private TlpMarkings() {
    }

    private static void tlp1(String id, String tlp, Tlp level) {
        register(id, level, "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\","
                + "\"name\":\"TLP:" + tlp.toUpperCase(java.util.Locale.ROOT) + "\",\"definition\":{\"tlp\":\"" + tlp + "\"}}");
    }

    private static void tlp2(String id, String tlp, Tlp level) {
        register(id, level, "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:" + tlp.toUpperCase(java.util.Locale.ROOT) + "\","
                + "\"extensions\":{\"" + TLP2_EXTENSION_ID + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"" + tlp + "\"}}}");
    }

    private static void register(String id, Tlp level, String json) {
        try {
            LEVEL_BY_ID.put(id, level);
            OBJECT_BY_ID.put(id, StixJson.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TLP level a marking-definition id stands for, if it is one of the nine TLP markings. */
    public static Optional<Tlp> levelOf(String markingDefinitionId) {
        return Optional.ofNullable(LEVEL_BY_ID.get(markingDefinitionId));
    }

    public static boolean isTlpMarking(String markingDefinitionId) {
        return LEVEL_BY_ID.containsKey(markingDefinitionId);
    }

    /** The exact marking-definition object for a TLP id (a fresh copy), if it is one. */
    public static Optional<JsonNode> definition(String markingDefinitionId) {
        JsonNode n = OBJECT_BY_ID.get(markingDefinitionId);
        return n == null ? Optional.empty() : Optional.of(n.deepCopy());
    }

    /** The TLP 2.0 marking-definition id for a level (what the server stamps on objects). */
    public static String tlp2Id(Tlp level) {
        return switch (level) {
            case CLEAR -> TLP2_CLEAR;
            case GREEN -> TLP2_GREEN;
            case AMBER -> TLP2_AMBER;
            case AMBER_STRICT -> TLP2_AMBER_STRICT;
            case RED -> TLP2_RED;
        };
    }

    /** All nine ids, TLP 1.0 first. */
    public static java.util.Set<String> ids() {
        return java.util.Collections.unmodifiableSet(LEVEL_BY_ID.keySet());
    }
}
