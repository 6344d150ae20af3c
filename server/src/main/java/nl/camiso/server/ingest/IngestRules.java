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
import nl.camiso.stix.marking.EffectiveTlp;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.spi.AccessPolicy;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IngestVerdict;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.util.ArrayList;
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
 *       stricter than the collection's; a marking the server cannot interpret (unknown, or claiming
 *       TLP without being an official TLP marking) refuses the object. An unmarked object is
 *       stored as it is and read with the collection's level.</li>
 *   <li>References: a relationship or sighting may only refer to objects every reader of the
 *       collection can see, else it is refused or accepted with a warning per the API root's
 *       {@code reference_policy}.</li>
 *   <li>Creator: {@code created_by_ref}, when present, must be the STIX identity of the poster's
 *       organisation (release consent and attribution rely on it), or one the endpoint allowed
 *       for this request ({@link Principal#alsoPublishesFor()}); and an organisation's own
 *       identity object may only be published by that organisation. Accounts with the admin role
 *       (the operators, who can change the whole network anyway) may name any creator; other
 *       accounts without an organisation only objects without {@code created_by_ref}.</li>
 * </ol>
 * Messages never depend on whether a referenced object exists somewhere the requester may not read.
 */
public final class IngestRules {

    /** Types whose references are checked (the relationships and sightings). */
    static final Set<String> REFERENCE_CHECKED_TYPES = Set.of("relationship", "sighting");

    private final Supplier<CamisoConfig> config;
    private final Catalog catalog;
    private final ObjectStore store;
    private final Supplier<NetworkSnapshot> network;

    /** @param network the live network (organisations and their identities) */
    public IngestRules(Supplier<CamisoConfig> config, Catalog catalog, ObjectStore store,
                       Supplier<NetworkSnapshot> network) {
        this.config = config;
        this.network = network;
        this.catalog = catalog;
        this.store = store;
    }

    public IngestVerdict verdict(AccessPolicy access, Requester requester, CollectionInfo collection,
                                 StixObject object, List<StixObject> envelope) {
        Optional<CollectionConfig> col = collectionConfig(collection);
        if (col.isEmpty() || col.get().tlp() == null) {
            return IngestVerdict.refuse("collection " + name(collection) + " has no TLP level configured; nothing can be added");
        }
        String creatorProblem = creatorProblem(requester, object);
        if (creatorProblem != null) {
            return IngestVerdict.refuse(creatorProblem);
        }
        String tlpProblem = tlpProblem(access, requester, collection, col.get().tlp(), object, envelope);
        if (tlpProblem != null) {
            return IngestVerdict.refuse(tlpProblem);
        }
        if (!REFERENCE_CHECKED_TYPES.contains(object.type())) {
            return IngestVerdict.accept();
        }
        List<String> unseen = unseenReferences(access, requester, collection, col.get().tlp(), object, envelope);
        if (unseen.isEmpty()) {
            return IngestVerdict.accept();
        }
        String why = "refers to " + String.join(", ", unseen) + ", which not every reader of collection "
                + name(collection) + " (TLP:" + col.get().tlp().label() + ") can see: a referenced object must be in the"
                + " same envelope, in this collection, or in a collection you may read whose readers include all"
                + " readers of this one";
        return referencePolicy(collection) == ReferencePolicy.WARN
                ? IngestVerdict.acceptWithWarning("warning: " + why)
                : IngestVerdict.refuse(why);
    }

    /** Why the requester may not publish an object with this creator (or this identity), or null when it may. */
    String creatorProblem(Requester requester, StixObject object) {
        Principal principal = Principal.from(requester);
        if (principal.hasRole(Role.ADMIN)) {
            return null;
        }
        NetworkSnapshot net = network.get();
        Optional<Organisation> own = principal.organisation() == null ? Optional.empty()
                : net.organisation(principal.organisation());
        String ownIdentity = own.map(Organisation::identity).orElse(null);
        if ("identity".equals(object.type()) && !object.id().equals(ownIdentity)) {
            Optional<Organisation> holder = net.organisations().values().stream()
                    .filter(o -> object.id().equals(o.identity())).findFirst();
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

    /** Why the object's markings do not fit the collection, or null when they do. */
    String tlpProblem(AccessPolicy access, Requester requester, CollectionInfo collection, Tlp collectionTlp,
                      StixObject object, List<StixObject> envelope) {
        if ("marking-definition".equals(object.type())) {
            // a marking definition that claims TLP under a non-official id (or contradicts an official one) is a forgery
            EffectiveTlp.Result self = EffectiveTlp.ofRefs(List.of(object.id()),
                    id -> id.equals(object.id()) ? Optional.of(object.json()) : Optional.empty());
            if (!self.suspicious().isEmpty()) {
                return "marking definition " + object.id() + " is not accepted: " + self.suspicious().get(0).reason();
            }
        }
        EffectiveTlp.Result r = EffectiveTlp.of(object, markingResolver(access, requester, collection, envelope));
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

    /** Marking definitions carried in the envelope, else found in a collection the requester may read. */
    /**
     * The marking definitions carried in an envelope, indexed once per envelope: every object of
     * the envelope is checked with the same list on the same thread, and indexing it per object
     * made ingest quadratic in the envelope size. Held weakly, so an idle worker thread does not
     * keep its last envelope alive (the heap budget is 512 MB).
     */
    private static final ThreadLocal<java.lang.ref.WeakReference<Object[]>> CARRIED = new ThreadLocal<>();

    private static Function<String, Optional<JsonNode>> carriedMarkings(List<StixObject> envelope) {
        Object[] cached = CARRIED.get() == null ? null : CARRIED.get().get();
        if (cached != null && cached[0] == envelope) {
            @SuppressWarnings("unchecked")
            Function<String, Optional<JsonNode>> f = (Function<String, Optional<JsonNode>>) cached[1];
            return f;
        }
        Function<String, Optional<JsonNode>> f = EffectiveTlp.resolverFor(envelope);
        CARRIED.set(new java.lang.ref.WeakReference<>(new Object[]{envelope, f}));
        return f;
    }

    private static final ThreadLocal<java.lang.ref.WeakReference<Object[]>> BY_ID = new ThreadLocal<>();

    /** The envelope's objects by id, built once per envelope (see {@link #CARRIED}). */
    private static Map<String, StixObject> envelopeById(List<StixObject> envelope) {
        Object[] cached = BY_ID.get() == null ? null : BY_ID.get().get();
        if (cached != null && cached[0] == envelope) {
            @SuppressWarnings("unchecked")
            Map<String, StixObject> m = (Map<String, StixObject>) cached[1];
            return m;
        }
        Map<String, StixObject> m = envelope.stream()
                .filter(o -> o.id() != null)
                .collect(Collectors.toMap(StixObject::id, o -> o, (a, b) -> a));
        BY_ID.set(new java.lang.ref.WeakReference<>(new Object[]{envelope, m}));
        return m;
    }

    private Function<String, Optional<JsonNode>> markingResolver(AccessPolicy access, Requester requester,
                                                                 CollectionInfo collection, List<StixObject> envelope) {
        Function<String, Optional<JsonNode>> carried = carriedMarkings(envelope);
        return id -> {
            Optional<JsonNode> inEnvelope = carried.apply(id);
            if (inEnvelope.isPresent() || !id.startsWith("marking-definition--")) {
                return inEnvelope;
            }
            for (CollectionInfo c : catalog.collections(collection.apiRoot())) {
                if (access.canRead(requester, c)) {
                    Optional<JsonNode> stored = latest(c.id(), id);
                    if (stored.isPresent()) {
                        return stored;
                    }
                }
            }
            return Optional.empty();
        };
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

    /**
     * The references (other than markings) that not every reader of the collection can see. A
     * reference counts as seen when the object is in the envelope (and is itself acceptable there),
     * or stored in this collection or in another collection whose readers include all of this one's,
     * in both cases only collections the requester may read, so the answer reveals nothing new.
     */
    List<String> unseenReferences(AccessPolicy access, Requester requester, CollectionInfo collection,
                                  Tlp collectionTlp, StixObject object, List<StixObject> envelope) {
        Set<String> refs = new LinkedHashSet<>();
        for (StixObject.Reference ref : object.references()) {
            if (!ref.path().startsWith("object_marking_refs") && !ref.path().endsWith("marking_ref")) {
                refs.add(ref.id());
            }
        }
        refs.remove(object.id());
        if (refs.isEmpty()) {
            return List.of();
        }
        Map<String, StixObject> inEnvelope = envelopeById(envelope);
        List<CollectionInfo> candidates = null; // only needed for a reference outside the envelope
        List<String> unseen = new ArrayList<>();
        for (String ref : refs) {
            StixObject sibling = inEnvelope.get(ref);
            if (sibling != null && tlpProblem(access, requester, collection, collectionTlp, sibling, envelope) == null) {
                continue;
            }
            if (candidates == null) {
                candidates = new ArrayList<>();
                NetworkSnapshot net = network.get();
                CollectionConfig written = collectionConfig(collection).orElseThrow();
                for (CollectionInfo c : catalog.collections(collection.apiRoot())) {
                    Optional<CollectionConfig> held = collectionConfig(c);
                    if (held.isPresent() && net.audienceCovers(collection.apiRoot(), held.get(), written)
                            && access.canRead(requester, c)) {
                        candidates.add(c);
                    }
                }
            }
            boolean found = false;
            for (CollectionInfo c : candidates) {
                if (store.contains(c.id(), ref)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                unseen.add(ref);
            }
        }
        return unseen;
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
