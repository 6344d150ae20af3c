package nl.camiso.server.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the sanitised copies of a release ("rubriceren"): pure, no I/O. The rules, per copy:
 * <ul>
 *   <li>new id ({@code <type>--<random UUID>}); references between released objects are re-pointed
 *       to the copies; references to objects not released are removed ({@code *_refs} entries, or the
 *       whole {@code *_ref} property);</li>
 *   <li>{@code created_by_ref}: the releasing organisation's identity, or the originator's when it
 *       chose to be named;</li>
 *   <li>{@code created}, {@code modified}, {@code valid_from}, {@code object_modified}: the release time;
 *       observation times ({@code first_seen}, {@code last_seen}) removed; {@code valid_until} kept
 *       only when still in the future;</li>
 *   <li>{@code object_marking_refs}: the target collection's TLP 2.0 marking only; granular markings removed;</li>
 *   <li>custom properties ({@code x_*}, at any depth of kept structures) removed; {@code extensions}
 *       kept only for ids on the allow-list;</li>
 *   <li>{@code external_references}: entries marked {@code "x_camiso_internal": true} removed; the rest
 *       keep only {@code source_name}, {@code external_id}, {@code url} and {@code hashes} (their free-text
 *       {@code description} goes);</li>
 *   <li>free text ({@link #FREE_TEXT}): replaced by the sanitised text supplied for that object and
 *       property (JSON null there means: leave it out). Free text present without a replacement is an
 *       error: nothing of the original's prose is copied by default.</li>
 * </ul>
 * Finally every string of every copy is checked for traces of the originals (their ids, the
 * originator's identity unless named, their timestamps, the values of their custom properties and
 * internal references); any trace is an error, so nothing leaves that could lead back.
 */
public final class Sanitiser {

    /** Properties holding prose that may identify the source or victim. */
    public static final Set<String> FREE_TEXT = Set.of("name", "description", "abstract", "content", "explanation",
            "objective", "goals", "aliases", "contents");

    /** Types that may be released (their required properties survive sanitising). */
    public static final Set<String> RELEASABLE = Set.of("indicator", "malware", "tool", "vulnerability",
            "attack-pattern", "infrastructure", "course-of-action", "relationship", "language-content");

    private static final Set<String> REGENERATED = Set.of("id", "created_by_ref", "created", "modified",
            "object_marking_refs", "granular_markings", "valid_from", "object_modified");
    private static final Set<String> DROPPED = Set.of("first_seen", "last_seen");
    private static final Set<String> EXTERNAL_REFERENCE_KEPT = Set.of("source_name", "external_id", "url", "hashes");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Refusal with a message for the releaser (who may read the originals: nothing is leaked). */
    public static final class SanitiseException extends RuntimeException {
        public SanitiseException(String message) {
            super(message);
        }
    }

    private final Set<String> allowedExtensions;

    /** @param allowedExtensions extension ids (or predefined extension names) copies may keep */
    public Sanitiser(Set<String> allowedExtensions) {
        this.allowedExtensions = Set.copyOf(allowedExtensions);
    }

    /**
     * @param originals     the objects to release (each once)
     * @param newIds        original id -> copy id, for every original
     * @param sanitisedText original id -> property -> replacement
     * @param creatorRefs   original id -> created_by_ref of its copy (absent: none)
     * @param namedOriginatorRefs identities of originators that chose to be named (may appear in copies)
     * @param markingRef    the target collection's TLP marking-definition id
     * @param now           the release time, a STIX timestamp
     */
    public List<ObjectNode> copies(List<StixObject> originals, Map<String, String> newIds,
                                   Map<String, Map<String, JsonNode>> sanitisedText, Map<String, String> creatorRefs,
                                   Set<String> namedOriginatorRefs, String markingRef, String now) {
        for (String id : sanitisedText.keySet()) {
            if (!newIds.containsKey(id)) {
                throw new SanitiseException("sanitised_text names " + id + ", which is not part of this release");
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        Set<String> traces = traces(originals, namedOriginatorRefs);
        // the releasing party's identity is meant to be there, also when it is the originator
        traces.removeAll(creatorRefs.values());
        for (StixObject o : originals) {
            ObjectNode copy = copy(o, newIds, sanitisedText.getOrDefault(o.id(), Map.of()),
                    creatorRefs.get(o.id()), markingRef, now);
            String hit = firstTrace(copy, traces);
            if (hit != null) {
                throw new SanitiseException("the sanitised copy of " + o.id() + " would still contain '" + hit
                        + "' from the original(s); change the sanitised text");
            }
            out.add(copy);
        }
        return out;
    }

    private ObjectNode copy(StixObject o, Map<String, String> newIds, Map<String, JsonNode> text, String creatorRef,
                            String markingRef, String now) {
        if (!RELEASABLE.contains(o.type())) {
            throw new SanitiseException(o.id() + ": objects of type " + o.type() + " cannot be released");
        }
        for (String prop : text.keySet()) {
            if (!FREE_TEXT.contains(prop)) {
                throw new SanitiseException("sanitised_text for " + o.id() + ": '" + prop
                        + "' is not a free-text property (allowed: " + String.join(", ", new java.util.TreeSet<>(FREE_TEXT)) + ")");
            }
            checkReplacement(o.id(), prop, text.get(prop));
        }
        ObjectNode src = o.json();
        ObjectNode copy = F.objectNode();
        copy.put("type", o.type());
        copy.set("spec_version", src.get("spec_version"));
        copy.put("id", newIds.get(o.id()));
        if (creatorRef != null) {
            copy.put("created_by_ref", creatorRef);
        }
        copy.put("created", now);
        copy.put("modified", now);
        Iterator<Map.Entry<String, JsonNode>> fields = src.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals("type") || key.equals("spec_version") || key.startsWith("x_") || DROPPED.contains(key)) {
                continue;
            }
            if (REGENERATED.contains(key)) {
                if (key.equals("valid_from") || key.equals("object_modified")) {
                    copy.put(key, now);
                }
                continue;
            }
            if (FREE_TEXT.contains(key)) {
                if (!text.containsKey(key)) {
                    throw new SanitiseException(o.id() + " has free text in '" + key
                            + "': supply its sanitised text in sanitised_text (JSON null to leave it out)");
                }
                continue;
            }
            switch (key) {
                case "valid_until" -> {
                    if (value.isTextual() && StixTimestamp.isValid(value.textValue())
                            && StixTimestamp.parse(value.textValue()).isAfter(StixTimestamp.parse(now))) {
                        copy.set(key, value);
                    }
                }
                case "extensions" -> {
                    ObjectNode kept = F.objectNode();
                    value.fields().forEachRemaining(e -> {
                        if (allowedExtensions.contains(e.getKey())) {
                            kept.set(e.getKey(), withoutCustom(e.getValue()));
                        }
                    });
                    if (!kept.isEmpty()) {
                        copy.set(key, kept);
                    }
                }
                case "external_references" -> {
                    ArrayNode kept = F.arrayNode();
                    for (JsonNode ref : value) {
                        if (ref.isObject() && !isInternal(ref)) {
                            ObjectNode r = F.objectNode();
                            ref.fields().forEachRemaining(e -> {
                                if (EXTERNAL_REFERENCE_KEPT.contains(e.getKey())) {
                                    r.set(e.getKey(), e.getValue());
                                }
                            });
                            if (r.has("source_name")) {
                                kept.add(r);
                            }
                        }
                    }
                    if (!kept.isEmpty()) {
                        copy.set(key, kept);
                    }
                }
                default -> {
                    if (key.endsWith("_ref")) {
                        String target = value.isTextual() ? newIds.get(value.textValue()) : null;
                        if (target != null) {
                            copy.put(key, target);
                        }
                    } else if (key.endsWith("_refs")) {
                        ArrayNode kept = F.arrayNode();
                        for (JsonNode v : value) {
                            String target = v.isTextual() ? newIds.get(v.textValue()) : null;
                            if (target != null) {
                                kept.add(target);
                            }
                        }
                        if (!kept.isEmpty()) {
                            copy.set(key, kept);
                        }
                    } else {
                        copy.set(key, withoutCustom(value));
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> t : text.entrySet()) {
            if (!t.getValue().isNull()) {
                copy.set(t.getKey(), t.getValue());
            }
        }
        if (markingRef != null) {
            copy.set("object_marking_refs", F.arrayNode().add(markingRef));
        }
        return copy;
    }

    private static void checkReplacement(String id, String prop, JsonNode v) {
        boolean ok = switch (prop) {
            case "aliases", "goals" -> v.isNull() || (v.isArray() && allText(v));
            case "contents" -> v.isNull() || (v.isObject() && !v.isEmpty() && allObjects(v));
            default -> v.isNull() || v.isTextual();
        };
        if (!ok) {
            throw new SanitiseException("sanitised_text for " + id + ": '" + prop + "' has the wrong JSON type");
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode v : array) {
            if (!v.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allObjects(JsonNode object) {
        for (JsonNode v : object) {
            if (!v.isObject()) {
                return false;
            }
        }
        return true;
    }

    static boolean isInternal(JsonNode externalReference) {
        JsonNode m = externalReference.get("x_camiso_internal");
        return m != null && m.asBoolean(false);
    }

    /** A deep copy without any {@code x_*} key. */
    private static JsonNode withoutCustom(JsonNode v) {
        if (v.isObject()) {
            ObjectNode o = F.objectNode();
            v.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("x_")) {
                    o.set(e.getKey(), withoutCustom(e.getValue()));
                }
            });
            return o;
        }
        if (v.isArray()) {
            ArrayNode a = F.arrayNode();
            v.forEach(i -> a.add(withoutCustom(i)));
            return a;
        }
        return v;
    }

    /** Strings that must not appear anywhere in a copy. */
    private static Set<String> traces(List<StixObject> originals, Set<String> namedOriginatorRefs) {
        Set<String> t = new HashSet<>();
        for (StixObject o : originals) {
            t.add(o.id());
            if (o.createdByRef() != null && !namedOriginatorRefs.contains(o.createdByRef())) {
                t.add(o.createdByRef());
            }
            for (String ts : List.of("created", "modified", "valid_from")) {
                if (o.text(ts) != null) {
                    t.add(o.text(ts));
                }
            }
            o.json().fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("x_")) {
                    collectStrings(e.getValue(), t);
                }
            });
            JsonNode refs = o.json().get("external_references");
            if (refs != null) {
                for (JsonNode r : refs) {
                    if (isInternal(r)) {
                        collectStrings(r, t);
                    } else {
                        // custom keys of a public reference may still be internal
                        r.fields().forEachRemaining(e -> {
                            if (e.getKey().startsWith("x_")) {
                                collectStrings(e.getValue(), t);
                            }
                        });
                    }
                }
            }
        }
        // very short values ("1", "high") would match ordinary text; ids and case numbers are longer
        t.removeIf(s -> s.length() < 6);
        return t;
    }

    private static void collectStrings(JsonNode v, Set<String> out) {
        if (v.isTextual()) {
            out.add(v.textValue());
        } else if (v.isNumber()) {
            out.add(v.asText());
        } else if (v.isContainerNode()) {
            v.forEach(i -> collectStrings(i, out));
        }
    }

    /** The first trace found in any string (keys included) of the copy, or null. */
    private static String firstTrace(ObjectNode copy, Set<String> traces) {
        String text = StixJson.write(copy);
        for (String t : traces) {
            if (text.contains(jsonEscaped(t))) {
                return t;
            }
        }
        return null;
    }

    private static String jsonEscaped(String s) {
        String quoted = StixJson.write(F.textNode(s));
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Parses the request's {@code sanitised_text}: object id -> property -> replacement. */
    public static Map<String, Map<String, JsonNode>> parseText(JsonNode node) {
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new SanitiseException("sanitised_text must be an object: {\"<object-id>\": {\"name\": \"...\"}}");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) {
                throw new SanitiseException("sanitised_text." + e.getKey() + " must be an object of properties");
            }
            Map<String, JsonNode> props = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(p -> props.put(p.getKey(), p.getValue()));
            out.put(e.getKey(), props);
        });
        return out;
    }
}
