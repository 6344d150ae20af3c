package nl.camiso.stix.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.stix.validation.TypeSpec;
import nl.camiso.stix.validation.TypeTable;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Deterministic identifiers for STIX Cyber-observable Objects (spec §2.9 and the "ID Contributing
 * Properties" of each §6 type): a UUIDv5 in the namespace {@link #NAMESPACE} over the RFC 8785
 * canonical JSON of the object's ID contributing properties that are present. {@code hashes}
 * contributes one hash only: MD5, else SHA-1, else SHA-256, else SHA-512, else the first one
 * listed (the spec names only the four; taking the first other one follows the OASIS reference
 * implementation). When none of a type's contributing properties is present, as always for
 * {@code process}, the id must be a UUIDv4 instead.
 */
public final class ScoIds {

    /** The STIX namespace for SCO UUIDv5s; producers of anything else MUST NOT use it. */
    public static final UUID NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /** ID contributing properties per SCO type (STIX 2.1 §6.1–§6.18), from the {@link TypeTable}. */
    public static final Map<String, List<String>> ID_CONTRIBUTING_PROPERTIES = idContributingProperties();

    private static final List<String> HASH_PREFERENCE = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

    private ScoIds() {
    }

    private static Map<String, List<String>> idContributingProperties() {
        Map<String, List<String>> m = new HashMap<>();
        for (TypeSpec t : TypeTable.all()) {
            if (t.category() == TypeSpec.Category.SCO) {
                m.put(t.type(), t.idContributing());
            }
        }
        return Map.copyOf(m);
    }

    /**
     * The deterministic id of a standard SCO, or empty when the type is not one of the spec's SCO
     * types or none of its ID contributing properties is present (then a UUIDv4 is required).
     */
    public static Optional<String> deterministicId(JsonNode sco) {
        String type = sco.path("type").textValue();
        List<String> props = type == null ? null : ID_CONTRIBUTING_PROPERTIES.get(type);
        if (props == null) {
            return Optional.empty();
        }
        return deterministicId(type, sco, props);
    }

    /**
     * The deterministic id over the given contributing properties, for custom SCO types whose
     * extension definition lists its own; empty when none of them is present.
     */
    public static Optional<String> deterministicId(String type, JsonNode sco, List<String> contributingProperties) {
        StixIds.checkType(type);
        ObjectNode name = contributingObject(sco, contributingProperties);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(StixIds.format(type, uuidV5(NAMESPACE, JsonCanonicalizer.canonicalUtf8(name))));
    }

    /** The id a producer should give a standard SCO: deterministic when possible, else random (v4). */
    public static String idFor(JsonNode sco) {
        String type = sco.path("type").textValue();
        return deterministicId(sco).orElseGet(() -> StixIds.newRandomId(type));
    }

    /**
     * The JSON object that is canonicalised and hashed: the contributing properties present (not
     * null), {@code hashes} reduced to its one chosen hash.
     */
    public static ObjectNode contributingObject(JsonNode sco, List<String> contributingProperties) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String p : contributingProperties) {
            JsonNode v = sco.get(p);
            if (v == null || v.isNull()) {
                continue;
            }
            if ("hashes".equals(p)) {
                chooseOneHash(v).ifPresent(h -> out.set(p, h));
            } else {
                out.set(p, v);
            }
        }
        return out;
    }

    private static Optional<ObjectNode> chooseOneHash(JsonNode hashes) {
        if (!hashes.isObject() || hashes.isEmpty()) {
            return Optional.empty();
        }
        String chosen = HASH_PREFERENCE.stream().filter(hashes::has).findFirst()
                .orElseGet(() -> hashes.fieldNames().next());
        ObjectNode one = JsonNodeFactory.instance.objectNode();
        one.set(chosen, hashes.get(chosen));
        return Optional.of(one);
    }

    /** RFC 4122 §4.3 name-based UUID with SHA-1 (version 5). */
    static UUID uuidV5(UUID namespace, byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] h = sha1.digest(name);
        h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
        h[8] = (byte) ((h[8] & 0x3f) | 0x80); // RFC 4122 variant
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
