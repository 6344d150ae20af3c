package nl.camiso.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.identity.Role;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.ApiRootConfig.ReferencePolicy;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTypes;
import nl.camiso.stix.marking.EffectiveTlp;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.stix.validation.ValidationIssue;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IngestPolicy;
import nl.camiso.taxii.spi.IngestVerdict;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What may be added to a collection, beyond validity and the right to write (see INGEST.md):
 * <ol>
 *   <li>TLP: the object's effective TLP (object and granular markings, TLP 1.0 and 2.0) may not be
 *       stricter than the collection's; a marking that claims TLP without being an official TLP
 *       marking refuses the object, one whose definition is not found makes it wait for it
 *       ({@link IngestVerdict#waitFor}, see {@link PendingMarkings}). An unmarked object is
 *       stored as it is and read with the collection's level.</li>
 *   <li>References: a relationship or sighting may not refer to an object the poster can see
 *       that some reader of the collection may not see (refused, or accepted with a warning per
 *       the API root's {@code reference_policy}); a reference to an id in no collection the poster
 *       may read is accepted with a warning ({@link ReferenceStanding}).</li>
 *   <li>Creator: {@code created_by_ref}, when present, must be the STIX identity of the poster's
 *       organisation (release consent and attribution rely on it), or one the endpoint allowed
 *       for this request ({@link Principal#alsoPublishesFor()}); and an organisation's own
 *       identity object may only be published by that organisation. Accounts with the admin role
 *       (the operators, who can change the whole network anyway) may name any creator; other
 *       accounts without an organisation only objects without {@code created_by_ref}.</li>
 * </ol>
 * Messages never depend on whether a referenced object exists somewhere the requester may not read.
 *
 * <p>An envelope is judged at once ({@link #judge}): its index (objects by id, carried marking
 * definitions) and what was looked up in the store for it live in one {@code Envelope} object for
 * that call, so a large envelope costs no more per object than a small one.
 */
public final class IngestRules implements IngestPolicy {

    /** Types whose references are checked: the relationship objects (SROs), which only make sense when both ends can be seen. */
    static final Set<String> REFERENCE_CHECKED_TYPES = StixTypes.SRO;
    private static final StixValidator VALIDATOR = new StixValidator();

    private final Supplier<CamisoConfig> config;
    private final Catalog catalog;
    private final ObjectStore store;
    private final AccessPolicy access;
    private final Supplier<NetworkSnapshot> network;

    /**
     * @param access  which collections the requester may read (where carried references and marking
     *                definitions may be found); the undecorated rules, so these look-ups are no audited denials
     * @param network the live network (organisations, their identities, who reads which collection)
     */
    public IngestRules(Supplier<CamisoConfig> config, Catalog catalog, ObjectStore store, AccessPolicy access,
                       Supplier<NetworkSnapshot> network) {
        this.config = config;
        this.catalog = catalog;
        this.store = store;
        this.access = access;
        this.network = network;
    }

    @Override
    public List<IngestVerdict> judge(Requester requester, CollectionInfo collection, List<StixObject> objects) {
        Optional<CollectionConfig> col = collectionConfig(collection);
        if (col.isEmpty() || col.get().tlp() == null) {
            return Collections.nCopies(objects.size(), IngestVerdict.refuse("collection " + name(collection)
                    + " has no TLP level configured; nothing can be added"));
        }
        Envelope envelope = new Envelope(requester, collection, col.get(), objects, network.get());
        List<IngestVerdict> verdicts = new ArrayList<>(objects.size());
        for (StixObject object : objects) {
            verdicts.add(verdict(envelope, object));
        }
        refuseChangedVersions(requester, collection, objects, verdicts);
        return verdicts;
    }

    /**
     * The rules across versions against what the collection already holds (INGEST.md, "Rules
     * across objects"): a changed {@code created} is refused, a held version sent with other
     * content is warned about (the held one stays). Only when the
     * requester may read the collection: a refusal would otherwise tell a write-only poster what
     * the collection holds. Objects with neither {@code created} nor {@code modified} (most SCOs)
     * have no versions to compare and cost nothing.
     */
    private void refuseChangedVersions(Requester requester, CollectionInfo collection, List<StixObject> objects,
                                       List<IngestVerdict> verdicts) {
        List<String> versioned = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            StixObject o = objects.get(i);
            if (verdicts.get(i).refusal() == null && (o.json().has("created") || o.json().has("modified"))) {
                versioned.add(o.id());
            }
        }
        if (versioned.isEmpty() || !access.canRead(requester, collection)) {
            return;
        }
        Map<String, List<StoredVersion>> held = store.heldVersions(collection.id(), versioned);
        if (held.isEmpty()) {
            return;
        }
        for (int i = 0; i < objects.size(); i++) {
            StixObject o = objects.get(i);
            List<StoredVersion> versions = held.get(o.id());
            if (versions == null || verdicts.get(i).refusal() != null) {
                continue;
            }
            List<JsonNode> heldJson = new ArrayList<>(versions.size());
            for (StoredVersion v : versions) {
                try {
                    heldJson.add(StixJson.parse(v.json()));
                } catch (IOException e) {
                    throw new IllegalStateException("stored version of " + o.id() + " is not JSON", e);
                }
            }
            List<ValidationIssue> findings = VALIDATOR.validateAgainstHeld(o.json(), heldJson);
            String errors = findings.stream().filter(ValidationIssue::isError).map(f -> f.path() + ": " + f.message())
                    .collect(Collectors.joining("; "));
            String warnings = findings.stream().filter(f -> !f.isError()).map(f -> "warning: " + f.message())
                    .collect(Collectors.joining("; "));
            if (!errors.isEmpty()) {
                verdicts.set(i, IngestVerdict.refuse(errors));
            } else if (!warnings.isEmpty()) {
                verdicts.set(i, verdicts.get(i).withWarning(warnings));
            }
        }
    }

    private IngestVerdict verdict(Envelope envelope, StixObject object) {
        String creatorProblem = creatorProblem(envelope.net, envelope.requester, object);
        if (creatorProblem != null) {
            return IngestVerdict.refuse(creatorProblem);
        }
        String tlpProblem = envelope.tlpProblem(object);
        if (tlpProblem != null) {
            Set<String> awaited = envelope.awaited(object);
            return awaited.isEmpty() ? IngestVerdict.refuse(tlpProblem)
                    : IngestVerdict.waitFor(awaited, "waiting for the definition of marking " + String.join(", ", awaited)
                    + ": not an official TLP marking, and its definition is neither in this envelope nor yet in a"
                    + " collection you may read; the object is stored when it arrives there, and fails if it has not"
                    + " arrived within " + timeoutText());
        }
        if (!REFERENCE_CHECKED_TYPES.contains(object.type())) {
            return IngestVerdict.accept();
        }
        // a relationship to an object of this envelope that waits for a marking waits with it, so both are
        // judged again together (refusing it would depend on the order the definition arrives in)
        Set<String> siblingsAwait = new java.util.TreeSet<>();
        for (StixObject.Reference ref : object.references()) {
            StixObject sibling = envelope.byId.get(ref.id());
            if (sibling != null && sibling != object && envelope.tlpProblem(sibling) != null) {
                siblingsAwait.addAll(envelope.awaited(sibling));
            }
        }
        if (!siblingsAwait.isEmpty()) {
            return IngestVerdict.waitFor(siblingsAwait, "waiting with the objects of this envelope it refers to,"
                    + " which wait for the definition of marking " + String.join(", ", siblingsAwait)
                    + "; it fails with them if that has not arrived within " + timeoutText());
        }
        Map<ReferenceStanding, List<String>> refs = envelope.referencesNotVisible(object);
        List<String> hidden = refs.getOrDefault(ReferenceStanding.HIDDEN_FROM_SOME_READERS, List.of());
        List<String> unknown = refs.getOrDefault(ReferenceStanding.UNKNOWN_TO_POSTER, List.of());
        String unknownWarning = unknown.isEmpty() ? null : "warning: refers to " + String.join(", ", unknown)
                + ", which is neither in this envelope nor in a collection you may read; stored with the reference as"
                + " sent (a reader only ever sees a referenced object where it may read that object)";
        if (hidden.isEmpty()) {
            return unknownWarning == null ? IngestVerdict.accept() : IngestVerdict.acceptWithWarning(unknownWarning);
        }
        Tlp tlp = envelope.settings.tlp();
        String why = "refers to " + String.join(", ", hidden) + ", which not every reader of collection "
                + name(envelope.collection) + " (TLP:" + tlp.label() + ") can see: a referenced object must be in the"
                + " same envelope, in this collection, or in a collection you may read whose readers include all"
                + " readers of this one";
        if (referencePolicy(envelope.collection) != ReferencePolicy.WARN) {
            return IngestVerdict.refuse(why);
        }
        return IngestVerdict.acceptWithWarning("warning: " + why + (unknownWarning == null ? "" : "; " + unknownWarning));
    }

    /** The configured wait for marking definitions, for messages. */
    private String timeoutText() {
        return durationText(config.get().server().ingest().pendingMarkingTimeout());
    }

    /** "10 minutes", "90 seconds". */
    static String durationText(java.time.Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes")
                : d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
    }

    /** Why the requester may not publish an object with this creator (or this identity), or null when it may. */
    static String creatorProblem(NetworkSnapshot net, Requester requester, StixObject object) {
        Principal principal = Principal.from(requester);
        if (principal.hasRole(Role.ADMIN)) {
            return null;
        }
        Optional<Organisation> own = principal.organisation() == null ? Optional.empty()
                : net.organisation(principal.organisation());
        String ownIdentity = own.map(Organisation::identity).orElse(null);
        if ("identity".equals(object.type()) && !object.id().equals(ownIdentity)) {
            Optional<Organisation> holder = net.organisationByIdentity(object.id());
            if (holder.isPresent()) {
                return object.id() + " is the STIX identity of organisation " + holder.get().name()
                        + "; only that organisation may publish it";
            }
        }
        String creator = object.createdByRef();
        if (creator == null || creator.equals(ownIdentity)
                || principal.alsoPublishesFor().contains(creator)) {
            return null;
        }
        if (own.isEmpty()) {
            return "created_by_ref is " + creator + ", but your account belongs to no organisation: it may only"
                    + " publish objects without created_by_ref";
        }
        if (ownIdentity == null) {
            return "created_by_ref is " + creator + ", but your organisation " + own.get().name() + " has no STIX"
                    + " identity configured; send the object without created_by_ref";
        }
        return "created_by_ref is " + creator + ", not the identity of your organisation " + own.get().name()
                + " (" + ownIdentity + "); an object's creator must be the organisation that publishes it";
    }

    /**
     * One envelope being judged: its objects by id, the marking definitions it carries, and what was
     * looked up for it (collections the requester reads, stored marking definitions, stored
     * references), each built or asked once for the whole envelope.
     */
    private final class Envelope {
        final Requester requester;
        final CollectionInfo collection;
        final CollectionConfig settings;
        final NetworkSnapshot net;
        final Map<String, StixObject> byId = new HashMap<>();
        final Function<String, Optional<JsonNode>> carriedMarkings;
        final Function<String, Optional<JsonNode>> markings;
        final Map<String, Optional<JsonNode>> storedMarkings = new HashMap<>();
        final Map<StixObject, String> tlpProblems = new IdentityHashMap<>();
        final Map<String, ReferenceStanding> standings = new HashMap<>();
        List<CollectionInfo> readable;
        List<CollectionInfo> covering;

        Envelope(Requester requester, CollectionInfo collection, CollectionConfig settings, List<StixObject> objects,
                 NetworkSnapshot net) {
            this.requester = requester;
            this.collection = collection;
            this.settings = settings;
            this.net = net;
            for (StixObject o : objects) {
                if (o.id() != null) {
                    byId.putIfAbsent(o.id(), o);
                }
            }
            this.carriedMarkings = EffectiveTlp.resolverFor(objects);
            this.markings = this::marking;
        }

        /** A marking definition carried in the envelope, else found in a collection the requester may read. */
        private Optional<JsonNode> marking(String id) {
            Optional<JsonNode> inEnvelope = carriedMarkings.apply(id);
            if (inEnvelope.isPresent() || !id.startsWith("marking-definition--")) {
                return inEnvelope;
            }
            return storedMarkings.computeIfAbsent(id, k -> {
                for (CollectionInfo c : readable()) {
                    Optional<JsonNode> stored = latest(c.id(), k);
                    if (stored.isPresent()) {
                        return stored;
                    }
                }
                return Optional.empty();
            });
        }

        List<CollectionInfo> readable() {
            if (readable == null) {
                readable = catalog.collections(collection.apiRoot()).stream()
                        .filter(c -> access.canRead(requester, c)).toList();
            }
            return readable;
        }

        /** The collections the requester reads whose readers include every reader of the target collection. */
        List<CollectionInfo> covering() {
            if (covering == null) {
                covering = new ArrayList<>();
                for (CollectionInfo c : readable()) {
                    Optional<CollectionConfig> held = collectionConfig(c);
                    if (held.isPresent() && net.audienceCovers(collection.apiRoot(), held.get(), settings)) {
                        covering.add(c);
                    }
                }
            }
            return covering;
        }

        /**
         * The marking definitions the object could wait for: its only TLP problem is markings whose
         * definitions are not found (none that cannot be trusted, none making it too strict already).
         */
        Set<String> awaited(StixObject object) {
            return IngestRules.awaitedMarkings(settings.tlp(), object, markings);
        }

        /** Why the object's markings do not fit the collection, or null when they do; once per object. */
        String tlpProblem(StixObject object) {
            if (tlpProblems.containsKey(object)) {
                return tlpProblems.get(object);
            }
            String problem = IngestRules.tlpProblem(collection, settings.tlp(), object, markings);
            tlpProblems.put(object, problem);
            return problem;
        }

        /**
         * The references (other than markings) that not every reader of the collection can be shown
         * to see, by {@link ReferenceStanding}. A reference is fine when the object is in the envelope
         * (and is itself acceptable there), or stored in a collection the requester may read whose
         * readers include all of this one's (this one included). A sibling in the envelope that is
         * itself refused shows the poster that the object does not fit here: it counts as hidden.
         * Only collections the requester may read are asked, so the answer reveals nothing new.
         */
        Map<ReferenceStanding, List<String>> referencesNotVisible(StixObject object) {
            Set<String> refs = new LinkedHashSet<>();
            for (StixObject.Reference ref : object.references()) {
                if (!ref.path().startsWith("object_marking_refs") && !ref.path().endsWith("marking_ref")) {
                    refs.add(ref.id());
                }
            }
            refs.remove(object.id());
            Map<ReferenceStanding, List<String>> notVisible = new EnumMap<>(ReferenceStanding.class);
            for (String ref : refs) {
                StixObject sibling = byId.get(ref);
                if (sibling != null && tlpProblem(sibling) == null) {
                    continue;
                }
                ReferenceStanding standing = standings.computeIfAbsent(ref,
                        r -> ReferenceStanding.of(store, r, readable(), covering()));
                if (sibling != null && standing == ReferenceStanding.UNKNOWN_TO_POSTER) {
                    standing = ReferenceStanding.HIDDEN_FROM_SOME_READERS;
                }
                if (standing != ReferenceStanding.VISIBLE) {
                    notVisible.computeIfAbsent(standing, s -> new ArrayList<>()).add(ref);
                }
            }
            return notVisible;
        }
    }

    /**
     * The unknown marking definitions the object waits for; empty when its markings are known, when
     * one cannot be trusted, when the known ones already make it stricter than the collection (it
     * is refused now), or when an unknown ref is no marking-definition id.
     */
    static Set<String> awaitedMarkings(Tlp collectionTlp, StixObject object, Function<String, Optional<JsonNode>> markings) {
        EffectiveTlp.Result r = EffectiveTlp.of(object, markings);
        if (!r.suspicious().isEmpty() || r.unknownMarkingRefs().isEmpty()
                || r.level().isPresent() && r.level().get().isStricterThan(collectionTlp)) {
            return Set.of();
        }
        for (String ref : r.unknownMarkingRefs()) {
            if (!ref.startsWith("marking-definition--")) {
                return Set.of();
            }
        }
        return new java.util.TreeSet<>(r.unknownMarkingRefs());
    }

    /** Why the object's markings do not fit the collection, or null when they do. */
    static String tlpProblem(CollectionInfo collection, Tlp collectionTlp, StixObject object,
                             Function<String, Optional<JsonNode>> markings) {
        if ("marking-definition".equals(object.type())) {
            // a marking definition that claims TLP under a non-official id (or contradicts an official one) is a forgery
            EffectiveTlp.Result self = EffectiveTlp.ofRefs(List.of(object.id()),
                    id -> id.equals(object.id()) ? Optional.of(object.json()) : Optional.empty());
            if (!self.suspicious().isEmpty()) {
                return "marking definition " + object.id() + " is not accepted: " + self.suspicious().get(0).reason();
            }
        }
        EffectiveTlp.Result r = EffectiveTlp.of(object, markings);
        if (!r.suspicious().isEmpty()) {
            return "marking " + r.suspicious().stream().map(s -> s.markingRef() + " (" + s.reason() + ")")
                    .collect(Collectors.joining(", ")) + " cannot be trusted; the object is refused rather than"
                    + " guessing how far it may travel";
        }
        if (!r.unknownMarkingRefs().isEmpty()) {
            return "marking " + String.join(", ", r.unknownMarkingRefs()) + " is not an official TLP marking and its"
                    + " definition is neither in this envelope nor in a collection you may read; the server cannot tell"
                    + " how far the object may travel (send the marking definition with the object, or use a TLP marking)";
        }
        if (r.level().isPresent() && r.level().get().isStricterThan(collectionTlp)) {
            Tlp level = r.level().get();
            String granular = "";
            Optional<Tlp> objectLevel = EffectiveTlp.ofRefs(object.objectMarkingRefs(), id -> Optional.empty()).level();
            if (objectLevel.isEmpty() || objectLevel.get() != level) {
                granular = " (through its granular markings)";
            }
            return "object is TLP:" + level.label() + granular + ", collection " + name(collection) + " is TLP:"
                    + collectionTlp.label() + "; an object may not be stricter than its collection";
        }
        return null;
    }

    private Optional<JsonNode> latest(String collectionId, String objectId) {
        Page<StoredVersion> page = store.find(collectionId, new ObjectQuery(objectId, null, null, 1, List.of(),
                List.of(), VersionMatch.LAST, List.of(), true));
        for (StoredVersion v : page.items()) {
            if (v.json() != null) {
                try {
                    return Optional.of(StixJson.parse(v.json()));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Optional<CollectionConfig> collectionConfig(CollectionInfo collection) {
        return config.get().apiRoot(collection.apiRoot()).flatMap(r -> r.collection(collection.id()));
    }

    private ReferencePolicy referencePolicy(CollectionInfo collection) {
        return config.get().apiRoot(collection.apiRoot()).map(ApiRootConfig::referencePolicy)
                .orElse(ReferencePolicy.REFUSE);
    }

    static String name(CollectionInfo c) {
        return c.alias() != null ? c.alias() : c.title() != null ? c.title() : c.id();
    }
}
