package nl.camiso.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.stix.marking.EffectiveTlp;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Decision;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.resources.EnvelopeIntake;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static nl.camiso.taxii.TaxiiException.badRequest;

/**
 * Sightings back up the chain: aggregates the sightings in an initiative's reporting collection
 * per indicator ({@code sighting_of_ref}) and posts one new sighting per indicator into a target
 * collection (normally the hub's {@code ndn-reports}) through the same intake as a TAXII POST:
 * validated, TLP-checked, reference-checked.
 *
 * <p>Each forwarded sighting: {@code count} = the sum (a sighting without {@code count} counts once),
 * {@code first_seen} the earliest, {@code last_seen} the latest, {@code created_by_ref} the
 * forwarding organisation's identity, and the strictest TLP of the sightings and the target
 * collection as its marking. Nothing else is carried over: no description or other free text, no
 * custom properties, no {@code observed_data_refs} (the observed data stay in the source), no
 * reporter identity. Anonymised, {@code where_sighted_refs} is dropped too; otherwise it is the
 * union of the reporters' {@code where_sighted_refs}. Revoked sightings are skipped.
 */
public final class SightingsForwarder {

    /** The audit action of a forward. */
    public static final String AUDIT_ACTION = "sightings.forward";

    static final int MAX_COUNT = 999_999_999;
    private static final int PAGE = 1000;

    /** The request body. {@code anonymise} defaults to true, the safer choice. */
    public record Request(String fromCollection, String toCollection, boolean anonymise, String since) {
    }

    /** The outcome: the status of the post into the target, and what was aggregated. */
    public record Result(StatusRecord status, CollectionInfo from, CollectionInfo to, int sourceSightings,
                         int indicators, boolean anonymised) {
    }

    private final TaxiiServices services;
    private final Supplier<CamisoConfig> config;
    private final Supplier<NetworkSnapshot> network;
    private final AuditSink audit;

    /**
     * @param config  the collections (TLP level, reporting)
     * @param network who runs what and each organisation's role and identity, as the database says now
     */
    public SightingsForwarder(TaxiiServices services, Supplier<CamisoConfig> config, Supplier<NetworkSnapshot> network,
                              AuditSink audit) {
        this.services = services;
        this.config = config;
        this.network = network;
        this.audit = audit;
    }

    public TaxiiServices services() {
        return services;
    }

    /**
     * Forwards as the principal of {@code access}: the authorizer decides {@link Operation#FORWARD_FROM}
     * (read, and the organisation running the source's initiative or an intermediary) and
     * {@link Operation#FORWARD_TO} (write).
     */
    public Result forward(CollectionAccess access, Principal principal, String rootName, Request request,
                          String remoteAddress) {
        long requestMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        ApiRootInfo root = access.apiRoot(rootName);
        if (blank(request.fromCollection()) || blank(request.toCollection())) {
            throw badRequest("\"from_collection\" and \"to_collection\" are required (collection id or alias).");
        }
        Long sinceMicros = null;
        if (request.since() != null) {
            try {
                sinceMicros = StixTimestamp.parse(request.since()).epochMicros();
            } catch (IllegalArgumentException e) {
                throw badRequest("\"since\" must be an RFC 3339 UTC timestamp such as 2026-11-01T00:00:00Z.");
            }
        }
        CollectionInfo from = services.catalog().collection(root.name(), request.fromCollection())
                .orElseThrow(() -> TaxiiException.notFound("collection"));
        CollectionInfo to = services.catalog().collection(root.name(), request.toCollection())
                .orElseThrow(() -> TaxiiException.notFound("collection"));
        // hidden before forbidden: a 403 about one collection must not tell whether the other exists
        // (each refusal is thrown right after its own decision, so the audit records that one)
        for (boolean hiddenOnly : new boolean[]{true, false}) {
            for (Map.Entry<Operation, CollectionInfo> check : List.of(Map.entry(Operation.FORWARD_FROM, from),
                    Map.entry(Operation.FORWARD_TO, to))) {
                Decision d = access.decide(check.getKey(), Target.collection(check.getValue()));
                if (!d.isAllowed() && (!hiddenOnly || d.outcome() == Decision.Outcome.HIDDEN)) {
                    throw d.refusal("collection");
                }
            }
        }
        CamisoConfig c = config.get();
        CollectionConfig fromConfig = c.apiRoot(root.name()).flatMap(r -> r.collection(from.id())).orElseThrow();
        Organisation org = identityOf(network.get(), principal);
        if (!fromConfig.reporting()) {
            throw new TaxiiException(422, "Unprocessable Entity", "Collection " + IngestRules.name(from)
                    + " is not a reporting collection; only reports are forwarded.");
        }
        if (from.id().equals(to.id())) {
            throw new TaxiiException(422, "Unprocessable Entity", "Source and target are the same collection.");
        }
        Map<String, Aggregate> byIndicator = new LinkedHashMap<>();
        int sourceSightings = 0;
        Tlp sourceTlp = fromConfig.tlp() == null ? Tlp.RED : fromConfig.tlp();
        for (StixObject s : sightings(from.id(), sinceMicros)) {
            if (s.revoked() || s.sightingOfRef() == null) {
                continue;
            }
            sourceSightings++;
            byIndicator.computeIfAbsent(s.sightingOfRef(), k -> new Aggregate()).add(s, sourceTlp);
        }
        Tlp targetTlp = c.apiRoot(root.name()).flatMap(r -> r.collection(to.id()))
                .map(CollectionConfig::tlp).orElse(Tlp.RED);
        ObjectNode envelope = StixJson.mapper().createObjectNode();
        ArrayNode objects = envelope.putArray("objects");
        String now = StixTimestamp.of(Instant.now(), 3).text();
        for (Map.Entry<String, Aggregate> e : byIndicator.entrySet()) {
            objects.add(e.getValue().toSighting(e.getKey(), org.identity(), now, targetTlp, request.anonymise()));
        }
        EnvelopeIntake intake = EnvelopeIntake.of(envelope, services, principal, to);
        StatusRecord status = intake.store(services.store(), root.name(), to.id(), principal.name(), requestMicros);
        audit.record(new AuditEvent(Instant.now(), AUDIT_ACTION, principal.name(), remoteAddress,
                "organisation " + org.name() + " forwarded " + sourceSightings + " sightings of " + byIndicator.size()
                        + " indicators from collection " + from.id() + " to collection " + to.id()
                        + (request.anonymise() ? " anonymised" : " with where_sighted_refs") + "; status " + status.id()
                        + ": " + status.successCount() + " stored, " + status.failureCount() + " refused"));
        return new Result(status, from, to, sourceSightings, byIndicator.size(), request.anonymise());
    }

    /** The forwarding organisation (the authorizer allowed it to forward), which must have a STIX identity. */
    private static Organisation identityOf(NetworkSnapshot net, Principal principal) {
        Optional<Organisation> org = principal.organisation() == null ? Optional.empty()
                : net.organisation(principal.organisation());
        if (org.isEmpty() || org.get().identity() == null) {
            throw new TaxiiException(422, "Unprocessable Entity", "Organisation " + principal.organisation()
                    + " has no STIX identity configured; forwarded sightings need one as created_by_ref.");
        }
        return org.get();
    }

    /** The latest version of every sighting in the collection, added after {@code sinceMicros} if given. */
    private List<StixObject> sightings(String collectionId, Long sinceMicros) {
        List<StixObject> out = new java.util.ArrayList<>();
        Long cursor = null;
        while (true) {
            Page<StoredVersion> page = services.store().find(collectionId, new ObjectQuery(null, sinceMicros, cursor,
                    PAGE, List.of(), List.of("sighting"), VersionMatch.LAST, List.of(), true));
            for (StoredVersion v : page.items()) {
                try {
                    out.add(StixObject.of(StixJson.parse(v.json())));
                } catch (IOException | RuntimeException e) {
                    // stored objects were valid when added; one unreadable row must not stop the forward
                }
                cursor = v.dateAddedMicros();
            }
            if (!page.more() || page.items().isEmpty()) {
                return out;
            }
        }
    }

    /** The running totals for one indicator. */
    private static final class Aggregate {
        long count;
        StixTimestamp firstSeen;
        StixTimestamp lastSeen;
        final Set<String> whereSighted = new LinkedHashSet<>();
        Tlp tlp = Tlp.CLEAR;

        void add(StixObject s, Tlp collectionTlp) {
            JsonNode n = s.json().get("count");
            count += n != null && n.canConvertToLong() ? Math.max(0, n.asLong()) : 1;
            s.timestamp("first_seen").ifPresent(t -> firstSeen = firstSeen == null || t.isBefore(firstSeen) ? t : firstSeen);
            s.timestamp("last_seen").ifPresent(t -> lastSeen = lastSeen == null || t.isAfter(lastSeen) ? t : lastSeen);
            whereSighted.addAll(s.whereSightedRefs());
            // unmarked sightings have their collection's level; unknown markings count as the strictest
            EffectiveTlp.Result r = EffectiveTlp.of(s);
            Tlp level = !r.isComplete() ? Tlp.RED : r.level().orElse(collectionTlp);
            tlp = Tlp.strictest(tlp, level);
        }

        ObjectNode toSighting(String indicator, String createdBy, String now, Tlp targetTlp, boolean anonymise) {
            ObjectNode o = StixJson.mapper().createObjectNode();
            o.put("type", "sighting");
            o.put("spec_version", "2.1");
            o.put("id", "sighting--" + UUID.randomUUID());
            o.put("created_by_ref", createdBy);
            o.put("created", now);
            o.put("modified", now);
            if (firstSeen != null) {
                o.put("first_seen", firstSeen.text());
            }
            if (lastSeen != null && (firstSeen == null || !lastSeen.isBefore(firstSeen))) {
                o.put("last_seen", lastSeen.text());
            }
            o.put("count", Math.min(count, MAX_COUNT));
            o.put("sighting_of_ref", indicator);
            if (!anonymise && !whereSighted.isEmpty()) {
                ArrayNode where = o.putArray("where_sighted_refs");
                whereSighted.forEach(where::add);
            }
            // never less strict than what was reported, and at least the target's level
            o.putArray("object_marking_refs").add(TlpMarkings.tlp2Id(Tlp.strictest(tlp, targetTlp)));
            return o;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
