package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks STIX content against every MUST of STIX 2.1 (errors) and its SHOULDs and vocabularies
 * (warnings). Stateless and thread-safe.
 *
 * <p>The per-type property rules are data ({@code TypeSpec}); cross-property rules are code in
 * {@code ObjectCheck}. Custom object types and custom properties are accepted (and their names
 * checked); unknown extensions are accepted. Rules that need several objects or history (version
 * order, reused ids, refs that resolve) are the server's job, except duplicate versions inside
 * one bundle, which are warned about.
 */
public final class StixValidator {

    public StixValidator() {
    }

    /** Validates one STIX object (not a bundle). */
    public ValidationReport validateObject(JsonNode object) {
        List<ValidationIssue> out = new ArrayList<>();
        ObjectCheck.run(object, "", out);
        return new ValidationReport(out);
    }

    /**
     * Validates a bundle, a single object, or a JSON array of objects; a bundle's objects are each
     * validated as objects.
     */
    public ValidationReport validate(JsonNode content) {
        List<ValidationIssue> out = new ArrayList<>();
        if (content == null || !(content.isObject() || content.isArray())) {
            out.add(new ValidationIssue(Severity.ERROR, null, "",
                    "expected a STIX bundle, object or JSON array of objects, got " + (content == null ? "nothing" : content.getNodeType())));
        } else if (content.isArray()) {
            if (content.isEmpty()) {
                out.add(new ValidationIssue(Severity.ERROR, null, "", "the list of objects is empty"));
            }
            objects(content, "", out);
        } else if (content.path("type").isTextual() && "bundle".equals(content.get("type").textValue())) {
            bundle(content, out);
        } else {
            ObjectCheck.run(content, "", out);
        }
        return new ValidationReport(out);
    }

    /** Number of STIX objects in content as {@link #validate} sees it (for summaries). */
    public static int countObjects(JsonNode content) {
        if (content == null) {
            return 0;
        }
        if (content.isArray()) {
            return content.size();
        }
        if ("bundle".equals(content.path("type").asText(null))) {
            JsonNode objects = content.get("objects");
            return objects != null && objects.isArray() ? objects.size() : 0;
        }
        return content.isObject() ? 1 : 0;
    }

    private static void bundle(JsonNode bundle, List<ValidationIssue> out) {
        JsonNode idNode = bundle.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
        if (idNode == null) {
            out.add(new ValidationIssue(Severity.ERROR, null, "id", "required property 'id' is missing from the bundle"));
        } else if (id == null || !id.startsWith("bundle--") || !Formats.isRfc4122Uuid(id, 8)) {
            out.add(new ValidationIssue(Severity.ERROR, id, "id", "a bundle id must be 'bundle--' followed by an RFC 4122 UUID, got " + idNode));
        }
        for (Iterator<String> it = bundle.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equals("spec_version")) {
                out.add(new ValidationIssue(Severity.WARNING, id, name, "bundles have no 'spec_version' in STIX 2.1 (it was a STIX 2.0 property)"));
            } else if (!name.equals("type") && !name.equals("id") && !name.equals("objects")) {
                out.add(new ValidationIssue(Severity.WARNING, id, name, "'" + name + "' is not a bundle property; consumers ignore it"));
            }
        }
        JsonNode objects = bundle.get("objects");
        if (objects == null) {
            return;
        }
        if (!objects.isArray()) {
            out.add(new ValidationIssue(Severity.ERROR, id, "objects", "must be a list of STIX objects"));
        } else if (objects.isEmpty()) {
            out.add(new ValidationIssue(Severity.ERROR, id, "objects", "must not be an empty list; omit the property instead"));
        } else {
            objects(objects, "objects", out);
        }
    }

    private static String versionKey(String id, JsonNode object) {
        return id + '\u0000' + object.path("modified").asText("");
    }

    private static void objects(JsonNode array, String where, List<ValidationIssue> out) {
        // several versions of one object may share a bundle, but the same (id, modified) twice is ambiguous;
        // most ids occur once, so (id, modified) keys are only built for ids seen before
        Map<String, Integer> firstById = new HashMap<>(Math.max(16, (int) (array.size() / 0.75f) + 1));
        Map<String, Integer> versions = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            if (!o.isObject()) {
                String path = where.isEmpty() ? "[" + i + "]" : where + "[" + i + "]";
                out.add(new ValidationIssue(Severity.ERROR, null, path, "a STIX object must be a JSON object, got " + o.getNodeType()));
                continue;
            }
            ObjectCheck.runOnObject(o, out);
            String oid = o.path("id").asText(null);
            Integer sameId = oid == null ? null : firstById.putIfAbsent(oid, i);
            if (sameId != null) {
                if (versions == null) {
                    versions = new HashMap<>();
                }
                versions.putIfAbsent(versionKey(oid, array.get(sameId)), sameId);
                Integer first = versions.putIfAbsent(versionKey(oid, o), i);
                if (first != null) {
                    out.add(new ValidationIssue(Severity.WARNING, oid, "",
                            "duplicate object: same id and modified as object " + first + " of the list"));
                }
            }
        }
    }
}
