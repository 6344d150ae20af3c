package nl.camiso.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks STIX content against every MUST of STIX 2.1 (errors) and its SHOULDs and vocabularies
 * (warnings). Stateless and thread-safe.
 *
 * <p>Each type's properties and rules are an entry of the {@link TypeTable}; {@code ObjectCheck}
 * walks one object, {@code CrossObjectCheck} the rules that span the objects of one list (and one
 * object against versions held elsewhere, which the server asks for at ingest). Custom object
 * types and custom properties are accepted (and their names checked); unknown extensions are
 * accepted. References that resolve are the server's job.
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

    private static void objects(JsonNode array, String where, List<ValidationIssue> out) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            if (!o.isObject()) {
                String path = where.isEmpty() ? "[" + i + "]" : where + "[" + i + "]";
                out.add(new ValidationIssue(Severity.ERROR, null, path, "a STIX object must be a JSON object, got " + o.getNodeType()));
                continue;
            }
            ObjectCheck.runOnObject(o, out);
        }
        CrossObjectCheck.run(array, (index, issue) -> out.add(issue));
    }

    /**
     * The findings of the rules that span objects (§2.9 UUID reuse, §3.2 and §3.6 versions,
     * §7.1.1 translated lists) over one list of objects, such as a TAXII envelope's, each with the
     * index of the object it is about. {@link #validate} includes them.
     */
    public List<ObjectFinding> validateAcross(JsonNode objects) {
        List<ObjectFinding> out = new ArrayList<>();
        if (objects != null && objects.isArray()) {
            CrossObjectCheck.run(objects, (index, issue) -> out.add(new ObjectFinding(index, issue)));
        }
        return out;
    }

    /**
     * The findings about one object against versions of the same id already held (by a
     * collection): {@code created} never changes (§3.2, an error), and a held version sent again
     * with other content (§3.6, a warning: real feeds do it, and the held version stays).
     */
    public List<ValidationIssue> validateAgainstHeld(JsonNode object, List<JsonNode> heldVersions) {
        return CrossObjectCheck.againstHeld(object, heldVersions);
    }

    /** A finding about the object at {@code index} of a list. */
    public record ObjectFinding(int index, ValidationIssue issue) {
    }
}
