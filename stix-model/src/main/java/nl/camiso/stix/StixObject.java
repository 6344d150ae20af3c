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

    /** The {@code marking_ref} of every granular marking that has one, in order (lang-only entries have none). */
    public List<String> granularMarkingRefs() {
        List<String> out = new ArrayList<>();
        for (JsonNode g : granularMarkings()) {
            JsonNode ref = g.get("marking_ref");
            if (ref != null && ref.isTextual()) {
                out.add(ref.textValue());
            }
        }
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

    // --- references ---------------------------------------------------------------------------

    /**
     * One reference an object makes to another: the JSON path of the property inside this object
     * (same form as validation paths, e.g. {@code granular_markings[0].marking_ref},
     * {@code object_refs[2]}, {@code extensions.archive-ext.contains_refs[0]}) and the id it holds.
     */
    public record Reference(String path, String id) {
        public Reference {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Every reference this object makes: the string value of every property named {@code *_ref}
     * and every string item of every list named {@code *_refs}, at any depth (top level,
     * extensions, lists of objects such as {@code granular_markings} or {@code body_multipart},
     * dictionaries), in document order. Custom {@code x_..._ref(s)} properties count too.
     *
     * <p>Values are returned as written, even when they are not well-formed identifiers: checking
     * them is the validator's job, and a caller following references sees the dangling ones. Not
     * included: the keys of the deprecated observed-data {@code objects} dictionary, whose
     * {@code *_ref} values are local keys into that dictionary, not STIX identifiers.
     */
    public List<Reference> references() {
        List<Reference> out = new ArrayList<>();
        json.fields().forEachRemaining(e -> {
            if ("objects".equals(e.getKey()) && "observed-data".equals(type())) {
                return;
            }
            collectReferences(e.getKey(), propertyPath("", e.getKey()), e.getValue(), out);
        });
        return Collections.unmodifiableList(out);
    }

    /** Just the referenced ids of {@link #references()}, without duplicates, in first-seen order. */
    public java.util.Set<String> referencedIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Reference r : references()) {
            ids.add(r.id());
        }
        return Collections.unmodifiableSet(ids);
    }

    private static void collectReferences(String key, String path, JsonNode value, List<Reference> out) {
        if (key != null && key.endsWith("_ref") && value.isTextual()) {
            out.add(new Reference(path, value.textValue()));
            return;
        }
        if (key != null && key.endsWith("_refs") && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isTextual()) {
                    out.add(new Reference(path + "[" + i + "]", item.textValue()));
                }
            }
            return;
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(e ->
                    collectReferences(e.getKey(), propertyPath(path, e.getKey()), e.getValue(), out));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                // list items have no name of their own: a list of objects is searched, a list of strings is not a reference
                collectReferences(null, path + "[" + i + "]", value.get(i), out);
            }
        }
    }

    /** {@code parent.key}, or {@code parent['key']} when the key would make the path ambiguous. */
    private static String propertyPath(String parent, String key) {
        boolean plain = !key.isEmpty() && key.chars().noneMatch(c -> c == '.' || c == '[' || c == ']' || c == '\'' || c == ' ');
        if (plain) {
            return parent.isEmpty() ? key : parent + "." + key;
        }
        return parent + "['" + key.replace("'", "\\'") + "']";
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
