package nl.camiso.taxii.resources;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationIssue;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StatusDetail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sorts the objects of a POSTed envelope (§5.5) into those to store and those that fail, each
 * failure with its reason. A body that is JSON but not an envelope is a 422 for the whole request;
 * one bad object only fails itself.
 *
 * <p>The same id and version twice in one envelope is stored once and reported once, so
 * {@code total_count} (objects sent, minus such repeats) stays the sum of successes and failures.
 */
record EnvelopeIntake(int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {

    static EnvelopeIntake of(JsonNode envelope, StixValidator validator, AccessPolicy access, Requester requester,
                             CollectionInfo collection) {
        if (!envelope.isObject()) {
            throw unprocessable("The request body must be a TAXII envelope: a JSON object with an \"objects\" list.");
        }
        if (envelope.has("type")) {
            // a bare STIX object or a STIX bundle: TAXII 2.1 (§5.5) wants the envelope around it
            throw unprocessable("The request body is a STIX " + envelope.path("type").asText("object")
                    + ", not a TAXII envelope; send {\"objects\": [...]}.");
        }
        JsonNode objects = envelope.get("objects");
        if (objects == null || objects.isNull()) {
            return new EnvelopeIntake(0, List.of(), List.of());
        }
        if (!objects.isArray()) {
            throw unprocessable("The envelope's \"objects\" must be a list of STIX objects.");
        }
        for (int i = 0; i < objects.size(); i++) {
            if (!objects.get(i).isObject()) {
                throw unprocessable("objects[" + i + "] is not a JSON object; every item must be a STIX object.");
            }
        }
        List<IncomingObject> accepted = new ArrayList<>();
        List<StatusDetail> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (JsonNode node : objects) {
            StixObject object = StixObject.of(node);
            String id = object.id();
            String version = object.versionText();
            String problem = problem(node, object, validator);
            if (problem == null) {
                problem = access.refusalReason(requester, collection, object);
            }
            if (problem != null) {
                total++;
                refused.add(new StatusDetail(id == null ? "" : id, version == null ? "" : version, problem));
            } else if (seen.add(id + '\n' + (version == null ? "" : version))) {
                total++;
                accepted.add(new IncomingObject(object, StixJson.writeBytes(node)));
            }
        }
        return new EnvelopeIntake(total, accepted, refused);
    }

    /** The validator's errors, or what the store cannot do without; null when the object is fine. */
    private static String problem(JsonNode node, StixObject object, StixValidator validator) {
        List<ValidationIssue> errors = validator.validateObject(node).errors();
        if (!errors.isEmpty()) {
            return errors.stream()
                    .map(e -> e.path() == null || e.path().isEmpty() ? e.message() : e.path() + ": " + e.message())
                    .collect(Collectors.joining("; "));
        }
        if (object.id() == null || object.type() == null) {
            return "The object must have a string \"type\" and \"id\".";
        }
        return null;
    }

    private static TaxiiException unprocessable(String why) {
        return new TaxiiException(422, "Unprocessable Entity", why);
    }
}
