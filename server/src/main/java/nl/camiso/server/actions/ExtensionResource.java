package nl.camiso.server.actions;

import nl.camiso.server.http.JsonEndpoint;
import jakarta.inject.Inject;
import nl.camiso.server.http.JsonExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import nl.camiso.server.actions.ActionsEnvelope.Action;
import nl.camiso.server.actions.ObjectGraph.Found;
import nl.camiso.server.actions.Sanitiser.SanitiseException;
import nl.camiso.server.audit.AuditContext;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.stix.id.StixIds;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import nl.camiso.taxii.resources.EnvelopeIntake;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static nl.camiso.taxii.TaxiiException.badRequest;
import static nl.camiso.taxii.TaxiiException.forbidden;
import static nl.camiso.taxii.TaxiiException.notFound;

/**
 * CAMISO's extension endpoints of the sharing network under an API root (see the README and
 * {@code docs/actions-and-release.md}): courses of action for an object, sanitised release, release consent.
 * Every operation is decided by the server's {@link nl.camiso.taxii.access.Authorizer}, as for the
 * TAXII endpoints: what the requester may not know of is answered with 404, never confirmed.
 */
@Path("{root}/x-camiso")
@JsonEndpoint
public final class ExtensionResource {

    private static final Set<String> ACTION_LINKS = Set.of("mitigates", "remediates");
    private static final String COA = "course-of-action";
    /** Largest request body of a release or consent: object ids and sanitised texts, not objects. */
    static final int MAX_BODY = 1024 * 1024;

    private final TaxiiServices services;
    private final ObjectGraph graph;
    private final NetworkView network;
    private final ConsentStore consents;
    private final Sanitiser sanitiser;
    private final AuditSink audit;

    /** Jersey creates one per request from the {@link CamisoExtensions} feature's services. */
    @Inject
    public ExtensionResource(CamisoExtensions.Services s) {
        this.services = s.taxii();
        this.graph = s.graph();
        this.network = s.network();
        this.consents = s.consents();
        this.sanitiser = s.sanitiser();
        this.audit = s.audit();
    }

    // --- courses of action ------------------------------------------------------------------------

    /**
     * The object, the courses of action linked to it by {@code mitigates}/{@code remediates}, those
     * relationships, the courses of action's {@code language-content}, and the notes/opinions on the
     * object: only from collections of this API root the requester may read. Order: see
     * {@link ActionsEnvelope}.
     */
    @GET
    @Path("objects/{id}/actions")
    public Response actions(@PathParam("root") String rootName, @PathParam("id") String objectId,
                            @QueryParam("lang") String lang, @Context HttpHeaders headers,
                            @Context ContainerRequestContext request) {
        CollectionAccess access = CollectionAccess.of(services, request);
        ApiRootInfo root = access.apiRoot(rootName);
        access.decide(Operation.READ_ACTIONS, Target.apiRoot(root)).require("API root");
        String language;
        try {
            language = ActionsEnvelope.requestedLanguage(lang, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        if (!StixIds.isValid(objectId)) {
            throw badRequest("'" + objectId + "' is not a STIX identifier");
        }
        List<String> all = services.catalog().collections(root.name()).stream().map(CollectionInfo::id).toList();
        List<String> readable = services.catalog().collections(root.name()).stream()
                .filter(c -> access.allows(Operation.READ_OBJECTS, c)).map(CollectionInfo::id).toList();
        AuditContext.listFiltered(); // choosing where to look refuses nothing
        Optional<Found> found = graph.findLatest(readable, objectId);
        if (found.isEmpty()) {
            // the audit records a denial only when the object is in a collection this requester may not read
            List<String> unreadable = all.stream().filter(id -> !readable.contains(id)).toList();
            graph.findLatest(unreadable, objectId).ifPresent(f ->
                    AuditContext.denied("object in a collection the requester may not read", root.name(), f.collectionId()));
            throw notFound("object");
        }
        Found object = found.get();

        Map<String, Action> actions = new LinkedHashMap<>();
        for (Found rel : graph.referrers(readable, objectId, Set.of("relationship"))) {
            StixObject r = rel.object();
            if (!ACTION_LINKS.contains(r.relationshipType()) || !objectId.equals(r.targetRef())
                    || r.sourceRef() == null || !r.sourceRef().startsWith(COA + "--")) {
                continue;
            }
            Action a = actions.get(r.sourceRef());
            if (a == null) {
                Optional<Found> coa = graph.findLatest(readable, r.sourceRef());
                if (coa.isEmpty()) {
                    continue; // the course of action is in no collection this requester may read
                }
                List<Found> translations = graph.referrers(readable, r.sourceRef(), Set.of("language-content")).stream()
                        .filter(lc -> r.sourceRef().equals(lc.object().text("object_ref"))).toList();
                a = new Action(coa.get(), new ArrayList<>(), translations);
                actions.put(r.sourceRef(), a);
            }
            a.relationships().add(rel);
        }
        List<Found> comments = graph.referrers(readable, objectId, Set.of("note", "opinion")).stream()
                .filter(f -> f.object().stringList("object_refs").contains(objectId)).toList();

        ActionsEnvelope.Ordered ordered = ActionsEnvelope.order(object, List.copyOf(actions.values()), comments, language);
        Response.ResponseBuilder r = Response.ok(envelope(ordered.objects().stream().map(Found::json).toList()))
                .type(TaxiiMediaTypes.TAXII_21_TYPE);
        if (language != null && ordered.hasLanguage()) {
            r.header(HttpHeaders.CONTENT_LANGUAGE, language);
        }
        return r.header(HttpHeaders.VARY, "Accept-Language").build();
    }

    // --- sanitised release --------------------------------------------------------------------------

    /**
     * Releases sanitised copies of objects (and, with {@code include_actions}, their courses of
     * action, the linking relationships and the courses of action's translations) from a stricter
     * collection into a wider one. Answers 201 with the copies as a TAXII envelope.
     */
    @POST
    @Path("releases")
    @Consumes("*/*")
    public Response release(@PathParam("root") String rootName, InputStream body,
                            @Context ContainerRequestContext request) {
        CollectionAccess access = CollectionAccess.of(services, request);
        Principal principal = Principal.current(request);
        ApiRootInfo root = access.apiRoot(rootName);
        JsonNode req = JsonExchange.readObject(body, MAX_BODY, false, null);
        String sourceName = requiredText(req, "source_collection");
        String targetName = requiredText(req, "target_collection");
        List<String> objectIds = idList(req.get("object_ids"));
        boolean includeActions = optionalBoolean(req, "include_actions", true);
        boolean nameOriginator = optionalBoolean(req, "name_originator", false);
        boolean allOrNothing = optionalBoolean(req, "all_or_nothing", true);
        Map<String, Map<String, JsonNode>> text;
        try {
            text = Sanitiser.parseText(req.get("sanitised_text"));
        } catch (SanitiseException e) {
            throw badRequest(e.getMessage());
        }

        CollectionInfo source = access.collection(root, sourceName, Operation.RELEASE_FROM, "source collection");
        CollectionInfo target = access.collection(root, targetName, Operation.RELEASE_TO, "target collection");
        Tlp sourceTlp = network.tlp(source).orElseThrow(() -> badRequest("The source collection has no TLP level."));
        Tlp targetTlp = network.tlp(target).orElseThrow(() -> badRequest("The target collection has no TLP level."));
        if (!sourceTlp.isStricterThan(targetTlp)) {
            throw badRequest("A release goes to a wider collection: the target (TLP:" + targetTlp.label()
                    + ") must be less strict than the source (TLP:" + sourceTlp.label() + ").");
        }
        Organisation releaser = network.organisationOf(principal)
                .filter(o -> o.identity() != null)
                .orElseThrow(() -> forbidden("Only an account of an organisation may release."));

        // what is released: the objects, then their courses of action with links and translations
        Map<String, StixObject> originals = new LinkedHashMap<>();
        for (String id : objectIds) {
            Found f = graph.latestIn(source.id(), id).orElseThrow(() -> notFound("object " + id + " in the source collection"));
            originals.put(id, f.object());
        }
        if (includeActions) {
            for (String id : objectIds) {
                addActions(source.id(), id, originals);
            }
        }

        // who may release each object, and how its copy is attributed
        Map<String, String> creatorRefs = new LinkedHashMap<>();
        Set<String> named = new LinkedHashSet<>();
        for (StixObject o : originals.values()) {
            Organisation originator = network.organisationByIdentity(o.createdByRef()).orElse(null);
            boolean own = originator != null && originator.name().equals(releaser.name());
            boolean mayName = own;
            if (!own) {
                Optional<ConsentStore.Consent> consent = originator == null
                        || releaser.role() != OrganisationConfig.Role.INTERMEDIARY ? Optional.empty()
                        : consents.find(source.id(), originator.name(), releaser.name());
                if (consent.isEmpty()) {
                    throw forbidden("You may not release " + o.id() + ": only its originating organisation may, or an"
                            + " intermediary with the originator's recorded consent for this collection.");
                }
                mayName = consent.get().nameOriginator();
            }
            if (nameOriginator && !mayName) {
                throw forbidden("The originator of " + o.id() + " did not agree to be named.");
            }
            if (nameOriginator) {
                creatorRefs.put(o.id(), o.createdByRef());
                named.add(o.createdByRef());
            } else {
                creatorRefs.put(o.id(), releaser.identity());
            }
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String nowText = StixTimestamp.of(now, 3).text();
        Map<String, String> newIds = new LinkedHashMap<>();
        originals.values().forEach(o -> newIds.put(o.id(), StixIds.newRandomId(o.type())));
        List<ObjectNode> copies;
        try {
            copies = sanitiser.copies(List.copyOf(originals.values()), newIds, text, creatorRefs, named,
                    TlpMarkings.tlp2Id(targetTlp), nowText);
        } catch (SanitiseException e) {
            throw badRequest(e.getMessage());
        }

        // the copies name the releaser as creator, or an originator whose consent was checked above
        Principal publisher = principal.publishingFor(named);
        ObjectNode envelope = StixJson.mapper().createObjectNode();
        envelope.putArray("objects").addAll(copies);
        // the one intake, as for a POSTed envelope: validation and the target's ingest rules (the copies refer to each other)
        // a release answers now with what it stored: a copy that would wait for a marking definition is refused
        EnvelopeIntake intake = EnvelopeIntake.of(envelope, services, publisher, target).withoutWaiting();
        Map<String, String> originalOf = new LinkedHashMap<>();
        newIds.forEach((original, copy) -> originalOf.put(copy, original));
        if (intake.accepted().isEmpty() || allOrNothing && !intake.allAccepted()) {
            throw badRequest("The target collection refuses " + intake.refused().size() + " of " + copies.size()
                    + " copies, so nothing was released: " + refusals(intake, originalOf)
                    + (allOrNothing && !intake.accepted().isEmpty()
                    ? " (check the sanitised text, or send \"all_or_nothing\": false to release what passes)"
                    : " (check the sanitised text)"));
        }
        StatusRecord status = intake.store(services.store(), root.name(), target.id(), principal.name(),
                now.toEpochMilli() * 1000);
        if (status.failureCount() > intake.refused().size()) {
            throw new TaxiiException(500, "Internal Server Error", "The copies could not be stored.");
        }
        // the link between original and copy: only here, in the audit trail
        for (IncomingObject in : intake.accepted()) {
            String id = originalOf.get(in.object().id());
            audit.record(AuditEvent.builder(AuditEvent.RELEASE).requester(principal)
                    .apiRoot(root.name()).collection(target.id()).objectIds(List.of(id, newIds.get(id)))
                    .detail("sanitised copy of " + id + " from collection " + source.id() + " as " + newIds.get(id)).build());
        }
        ObjectNode answer = StixJson.mapper().createObjectNode();
        answer.put("more", false);
        ArrayNode objects = answer.putArray("objects");
        for (IncomingObject in : intake.accepted()) {
            objects.add(in.object().json());
        }
        if (!intake.allAccepted()) {
            ArrayNode refused = answer.putArray("refused");
            for (StatusDetail d : intake.refused()) {
                refused.addObject().put("id", originalOf.getOrDefault(d.id(), d.id())).put("message", d.message());
            }
        }
        return Response.status(201).entity(StixJson.writeBytes(answer)).type(TaxiiMediaTypes.TAXII_21_TYPE).build();
    }

    /** Each refused copy as "original id: reason", so that the releaser knows which object to fix. */
    private static String refusals(EnvelopeIntake intake, Map<String, String> originalOf) {
        return intake.refused().stream()
                .map(d -> "copy of " + originalOf.getOrDefault(d.id(), d.id()) + ": " + d.message())
                .collect(Collectors.joining("; "));
    }

    /** The courses of action in the source collection linked to {@code objectId}, their links and translations. */
    private void addActions(String sourceId, String objectId, Map<String, StixObject> originals) {
        for (Found rel : graph.referrers(List.of(sourceId), objectId, Set.of("relationship"))) {
            StixObject r = rel.object();
            if (!ACTION_LINKS.contains(r.relationshipType()) || !objectId.equals(r.targetRef())
                    || r.sourceRef() == null || !r.sourceRef().startsWith(COA + "--")) {
                continue;
            }
            Optional<Found> coa = graph.latestIn(sourceId, r.sourceRef());
            if (coa.isEmpty()) {
                continue;
            }
            originals.putIfAbsent(coa.get().object().id(), coa.get().object());
            originals.putIfAbsent(r.id(), r);
            for (Found lc : graph.referrers(List.of(sourceId), r.sourceRef(), Set.of("language-content"))) {
                if (r.sourceRef().equals(lc.object().text("object_ref"))) {
                    originals.putIfAbsent(lc.object().id(), lc.object());
                }
            }
        }
    }

    // --- consent ------------------------------------------------------------------------------------

    /**
     * Records that the requester's organisation lets an intermediary release sanitised copies of
     * the organisation's own objects in this collection. Given by any organisation that may publish
     * (write) in the collection; it covers only objects it created ({@code created_by_ref}).
     * Giving and withdrawing are both {@link Operation#GIVE_CONSENT}.
     */
    @PUT
    @Path("consents/{collection}")
    @Consumes("*/*")
    public Response giveConsent(@PathParam("root") String rootName, @PathParam("collection") String collectionName,
                                InputStream body, @Context ContainerRequestContext request) {
        Principal principal = Principal.current(request);
        CollectionInfo collection = consentCollection(request, rootName, collectionName);
        Organisation originator = consentingOrganisation(principal);
        JsonNode req = JsonExchange.readObject(body, MAX_BODY, false, null);
        Organisation intermediary = intermediary(requiredText(req, "intermediary"));
        boolean name = optionalBoolean(req, "name_originator", false);
        ConsentStore.Consent c = new ConsentStore.Consent(collection.id(), originator.name(), intermediary.name(), name,
                principal.name(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        consents.give(c);
        audit.record(AuditEvent.builder(AuditEvent.CONSENT_GIVEN).requester(principal).apiRoot(collection.apiRoot())
                .collection(collection.id()).detail("originator=" + c.originator() + " intermediary=" + c.intermediary()
                        + " name_originator=" + c.nameOriginator()).build());
        ObjectNode out = StixJson.mapper().createObjectNode();
        out.put("collection", c.collectionId());
        out.put("originator", c.originator());
        out.put("intermediary", c.intermediary());
        out.put("name_originator", c.nameOriginator());
        out.put("given_by", c.givenBy());
        out.put("given_at", StixTimestamp.of(c.givenAt(), 3).text());
        return Response.ok(StixJson.writeBytes(out)).type("application/json").build();
    }

    /** Withdraws the consent for one intermediary ({@code ?intermediary=dtc}) or for all. 204; 404 when none was recorded. */
    @DELETE
    @Path("consents/{collection}")
    public Response withdrawConsent(@PathParam("root") String rootName, @PathParam("collection") String collectionName,
                                    @QueryParam("intermediary") String intermediaryName,
                                    @Context ContainerRequestContext request) {
        Principal principal = Principal.current(request);
        CollectionInfo collection = consentCollection(request, rootName, collectionName);
        Organisation originator = consentingOrganisation(principal);
        String intermediary = intermediaryName == null ? null : intermediary(intermediaryName).name();
        int n = consents.withdraw(collection.id(), originator.name(), intermediary);
        if (n == 0) {
            throw new TaxiiException(404, "Not Found", "Your organisation has recorded no such consent.");
        }
        audit.record(AuditEvent.builder(AuditEvent.CONSENT_WITHDRAWN).requester(principal).apiRoot(collection.apiRoot())
                .collection(collection.id()).detail("originator=" + originator.name()
                        + " intermediary=" + (intermediary == null ? "*" : intermediary)).build());
        return Response.noContent().build();
    }

    /** The authorizer allowed {@link Operation#GIVE_CONSENT}, so the organisation exists (unless it was just removed). */
    private Organisation consentingOrganisation(Principal principal) {
        return network.organisationOf(principal)
                .orElseThrow(() -> forbidden("Only an account of an organisation may give or withdraw consent."));
    }

    private CollectionInfo consentCollection(ContainerRequestContext request, String rootName, String collectionName) {
        CollectionAccess access = CollectionAccess.of(services, request);
        return access.collection(access.apiRoot(rootName), collectionName, Operation.GIVE_CONSENT, "collection");
    }

    private Organisation intermediary(String name) {
        return network.organisation(name).filter(o -> o.role() == OrganisationConfig.Role.INTERMEDIARY)
                .orElseThrow(() -> badRequest("'" + name + "' is not an intermediary organisation."));
    }

    // --- plumbing -----------------------------------------------------------------------------------

    private static String requiredText(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw badRequest("'" + field + "' is required (a string).");
        }
        return v.textValue();
    }

    private static boolean optionalBoolean(JsonNode req, String field, boolean dflt) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw badRequest("'" + field + "' must be true or false.");
        }
        return v.booleanValue();
    }

    private static List<String> idList(JsonNode v) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw badRequest("'object_ids' is required: a non-empty list of STIX identifiers.");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode i : v) {
            if (!i.isTextual() || !StixIds.isValid(i.textValue())) {
                throw badRequest("'object_ids' must hold STIX identifiers only.");
            }
            ids.add(i.textValue());
        }
        return List.copyOf(ids);
    }

    /** A TAXII envelope around stored JSON, written byte for byte. */
    static byte[] envelope(List<byte[]> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"more\":false,\"objects\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(objects.get(i));
        }
        out.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
