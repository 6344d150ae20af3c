package nl.camiso.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, read-only access to one STIX object kept as its JSON tree.
 *
 * <p>The tree is the source of truth: writing {@link #json()} back gives exactly what was read,
 * custom properties and unknown types included. Accessors return empty values for absent or
 * wrongly typed properties instead of throwing; telling the producer what is wrong is the
 * validator's job.
 */
public final class StixObject {

    private final ObjectNode json;

    private StixObject(ObjectNode json) {
        this.json = json;
    }

    /** Wraps a JSON object. Throws when the node is not a JSON object. */
    public static StixObject of(JsonNode node) {
        Objects.requireNonNull(node, "node");
        if (!node.isObject()) {
            throw new IllegalArgumentException("a STIX object must be a JSON object, got " + node.getNodeType());
        }
        return new StixObject((ObjectNode) node);
    }

    public ObjectNode json() {
        return json;
    }

    public String type() {
        return text("type");
    }

    public String id() {
        return text("id");
    }

    public String specVersion() {
        return text("spec_version");
    }

    public Optional<StixTimestamp> created() {
        return timestamp("created");
    }

    public Optional<StixTimestamp> modified() {
        return timestamp("modified");
    }

    public boolean revoked() {
        JsonNode v = json.get("revoked");
        return v != null && v.isBoolean() && v.booleanValue();
    }

    public String createdByRef() {
        return text("created_by_ref");
    }

    public List<String> objectMarkingRefs() {
        return stringList("object_marking_refs");
    }

    /** The {@code granular_markings} entries, each a JSON object ({@code selectors}, {@code marking_ref} or {@code lang}). */
    public List<JsonNode> granularMarkings() {
        JsonNode v = json.get("granular_markings");
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    public String lang() {
        return text("lang");
    }

    // --- relationship / sighting -------------------------------------------------------------

    public String relationshipType() {
        return text("relationship_type");
    }

    public String sourceRef() {
        return text("source_ref");
    }

    public String targetRef() {
        return text("target_ref");
    }

    public String sightingOfRef() {
        return text("sighting_of_ref");
    }

    public List<String> whereSightedRefs() {
        return stringList("where_sighted_refs");
    }

    public List<String> observedDataRefs() {
        return stringList("observed_data_refs");
    }

    // --- indicator ------------------------------------------------------------------------------

    public String pattern() {
        return text("pattern");
    }

    public String patternType() {
        return text("pattern_type");
    }

    public String patternVersion() {
        return text("pattern_version");
    }

    public Optional<StixTimestamp> validFrom() {
        return timestamp("valid_from");
    }

    public Optional<StixTimestamp> validUntil() {
        return timestamp("valid_until");
    }

    // --- classification -------------------------------------------------------------------------

    /** SCOs have no {@code created}; everything else that is a STIX object does. */
    public boolean isCyberObservable() {
        return StixTypes.isScoType(type());
    }

    /**
     * The version string TAXII uses: {@code modified}, else {@code created}, else null
     * (unversioned objects such as SCOs; the server chooses a consistent value for those).
     */
    public String versionText() {
        String m = text("modified");
        if (m != null) {
            return m;
        }
        return text("created");
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A top-level string property, or null when absent or not a string. */
    public String text(String property) {
        JsonNode v = json.get(property);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** A top-level timestamp property, empty when absent or not a valid timestamp. */
    public Optional<StixTimestamp> timestamp(String property) {
        String t = text(property);
        if (t == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StixTimestamp.parse(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A top-level list of strings; non-string items are skipped. */
    public List<String> stringList(String property) {
        JsonNode v = json.get(property);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (item.isTextual()) {
                out.add(item.textValue());
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return type() + " " + id();
    }
}
