package nl.camiso.taxii.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationIssue;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.IngestPolicy;
import nl.camiso.taxii.spi.IngestVerdict;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.WaitingObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sorts the objects of a POSTed envelope (§5.5), bundle or single object into those to store and
 * those that fail, each failure with its reason. A body that is JSON but none of these is a 422 for
 * the whole request; one bad object only fails itself.
 *
 * <p>The same id and version twice in one envelope is stored once and reported once, so
 * {@code total_count} (objects sent, minus such repeats) stays the sum of successes and failures.
 * The validator's rules across objects (versions of one object, UUIDs, translations) see the
 * envelope as a whole: an error refuses the object it is about, a warning goes with its success.
 *
 * <p>The one intake: the TAXII POST, and every server path that adds objects (forwarded sightings,
 * released copies, {@code camiso import}, sample data), goes through the very same validation,
 * one {@link IngestPolicy} judgement per envelope, and store path.
 *
 * <p>An object the policy lets wait ({@link IngestVerdict#waitFor}: its marking definition has not
 * arrived) is neither stored nor refused: it is handed to the store as waiting, and the status lists
 * it in {@code pendings} until the server has judged it again.
 */
public record EnvelopeIntake(int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused,
                             List<WaitingObject> waiting) {

    public EnvelopeIntake(int totalCount, List<IncomingObject> accepted, List<StatusDetail> refused) {
        this(totalCount, accepted, refused, List.of());
    }

    /** Sorts an envelope (or bundle, or single object) with the services' validator and ingest policy. */
    public static EnvelopeIntake of(JsonNode envelope, TaxiiServices services, Requester requester,
                                    CollectionInfo collection) {
        return of(envelope, services.validator(), services.ingest(), requester, collection);
    }

    public static EnvelopeIntake of(JsonNode envelope, StixValidator validator, IngestPolicy ingest, Requester requester,
                                    CollectionInfo collection) {
        JsonNode objects = objectsOf(envelope);
        if (objects == null) {
            return new EnvelopeIntake(0, List.of(), List.of());
        }
        if (!objects.isArray()) { // null included: "objects" is optional, but when present it is a list
            throw unprocessable("The body's \"objects\" must be a list of STIX objects.");
        }
        for (int i = 0; i < objects.size(); i++) {
            if (!objects.get(i).isObject()) {
                throw unprocessable("objects[" + i + "] is not a JSON object; every item must be a STIX object.");
            }
        }
        // first validate, so that the policy judges the whole valid envelope (references, marking definitions)
        Map<Integer, String> acrossErrors = new HashMap<>();
        Map<Integer, String> acrossWarnings = new HashMap<>();
        for (StixValidator.ObjectFinding f : validator.validateAcross(objects)) {
            (f.issue().isError() ? acrossErrors : acrossWarnings).merge(f.index(), describe(f.issue()), (a, b) -> a + "; " + b);
        }
        List<StixObject> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<StixObject> valid = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode node = objects.get(i);
            StixObject object = StixObject.of(node);
            String problem = problem(node, object, validator);
            if (problem == null) {
                problem = acrossErrors.get(i);
            }
            parsed.add(object);
            problems.add(problem);
            if (problem == null) {
                valid.add(object);
            }
        }
        List<IngestVerdict> verdicts = valid.isEmpty() ? List.of()
                : ingest.judge(requester, collection, List.copyOf(valid));
        if (verdicts.size() != valid.size()) {
            throw new IllegalStateException("the ingest policy judged " + verdicts.size() + " of " + valid.size() + " objects");
        }
        List<IncomingObject> accepted = new ArrayList<>();
        List<StatusDetail> refused = new ArrayList<>();
        List<WaitingObject> waiting = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int total = 0;
        int judged = 0;
        for (int i = 0; i < parsed.size(); i++) {
            StixObject object = parsed.get(i);
            String id = object.id();
            String version = object.versionText();
            String problem = problems.get(i);
            String warning = null;
            IngestVerdict verdict = null;
            if (problem == null) {
                verdict = verdicts.get(judged++);
                problem = verdict.refusal();
                warning = verdict.warning();
                String across = acrossWarnings.get(i);
                if (across != null) {
                    warning = (warning == null ? "" : warning + "; ") + "warning: " + across;
                }
            }
            if (problem != null) {
                total++;
                refused.add(new StatusDetail(id == null ? "" : id, version == null ? "" : version, problem));
            } else if (seen.add(id + '\n' + (version == null ? "" : version))) {
                total++;
                IncomingObject in = new IncomingObject(object, StixJson.writeBytes(object.json()), warning);
                if (verdict.waits()) {
                    waiting.add(new WaitingObject(in, verdict));
                } else {
                    accepted.add(in);
                }
            }
        }
        return new EnvelopeIntake(total, accepted, refused, waiting);
    }

    /** Whether every object sent may be stored now (nothing invalid, refused or waiting). */
    public boolean allAccepted() {
        return refused.isEmpty() && waiting.isEmpty();
    }

    /**
     * The same intake with the waiting objects refused, for a caller that must answer now (a
     * release reports what it stored in its response).
     */
    public EnvelopeIntake withoutWaiting() {
        if (waiting.isEmpty()) {
            return this;
        }
        List<StatusDetail> all = new ArrayList<>(refused);
        waiting.forEach(w -> all.add(w.detail()));
        return new EnvelopeIntake(totalCount, accepted, all, List.of());
    }

    /**
     * Stores the accepted objects and the status resource, and returns the status with the
     * policy's warnings in {@code successes[].message} (also when the store did not keep them).
     */
    public StatusRecord store(ObjectStore store, String apiRoot, String collectionId, String owner,
                              long requestTimestampMicros) {
        StatusRecord status = store.add(apiRoot, collectionId, owner, requestTimestampMicros, totalCount,
                accepted, refused, waiting);
        Map<String, String> warnings = new HashMap<>();
        for (IncomingObject in : accepted) {
            if (in.message() != null) {
                warnings.put(in.object().id(), in.message());
            }
        }
        if (warnings.isEmpty()) {
            return status;
        }
        List<StatusDetail> successes = status.successes().stream()
                .map(d -> !warnings.containsKey(d.id()) || (d.message() != null && d.message().contains(warnings.get(d.id())))
                        ? d : new StatusDetail(d.id(), d.version(),
                        d.message() == null ? warnings.get(d.id()) : d.message() + "; " + warnings.get(d.id())))
                .toList();
        return new StatusRecord(status.id(), status.apiRoot(), status.collectionId(), status.owner(), status.status(),
                status.requestTimestampMicros(), status.totalCount(), successes, status.failures(), status.pendings());
    }

    /**
     * The objects of a body: an envelope's {@code objects}; beyond the letter of §5.5 (which wants
     * an envelope), a STIX bundle's {@code objects} (its id is not kept), or a single STIX object,
     * because python-stix2's {@code TAXIICollectionSink} and OpenCTI's push connector post bundles.
     * Anything with a {@code "type"} is STIX (an envelope has none; {@code observed-data} has an
     * {@code objects} of its own). Null when there is no list at all ({@code {}}).
     */
    private static JsonNode objectsOf(JsonNode body) {
        if (!body.isObject()) {
            throw unprocessable("The request body must be a TAXII envelope (a JSON object with an \"objects\" list),"
                    + " a STIX bundle or a STIX object.");
        }
        if (!body.has("type")) {
            return body.get("objects");
        }
        if (body.get("type").isTextual() && body.get("type").asText().equals("bundle")) {
            return body.get("objects");
        }
        return JsonNodeFactory.instance.arrayNode().add(body);
    }

    /** The validator's errors, or what the store cannot do without; null when the object is fine. */
    private static String problem(JsonNode node, StixObject object, StixValidator validator) {
        List<ValidationIssue> errors = validator.validateObject(node).errors();
        if (!errors.isEmpty()) {
            return errors.stream().map(EnvelopeIntake::describe).collect(Collectors.joining("; "));
        }
        if (object.id() == null || object.type() == null) {
            return "The object must have a string \"type\" and \"id\".";
        }
        return null;
    }

    private static String describe(ValidationIssue issue) {
        return issue.path() == null || issue.path().isEmpty() ? issue.message() : issue.path() + ": " + issue.message();
    }

    private static TaxiiException unprocessable(String why) {
        return new TaxiiException(422, "Unprocessable Entity", why);
    }
}
