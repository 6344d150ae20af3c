package nl.camiso.server.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.access.Decision.Outcome;
import nl.camiso.taxii.access.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero leaks through CAMISO's extension endpoints, the sibling of {@link ZeroLeaksTest} (same
 * sample network, same {@link AccessOracle}). Every collection gets a canary: an indicator, a
 * course of action that mitigates it and also mitigates a public "hub" indicator in
 * {@code ndn-clear}, its Dutch {@code language-content}, a note, and in reporting collections a
 * sighting; their names, descriptions and patterns carry a unique token, as does the value of an
 * address the collection refuses (the refusal reason quotes it). Then every demo account
 * and anonymous probe, with ids and names of objects and collections they may and may not read
 * and with ones that do not exist:
 * <ul>
 *   <li>{@code /{root}/x-camiso/objects/{id}/actions/}, {@code releases/} (unreadable source,
 *       invisible target, unreadable objects in a readable source), {@code consents/{collection}/}
 *       (PUT, DELETE), {@code sightings/forward/} (invisible source and target) and
 *       {@code feeds/{collection}/{format}} in every format (the planted domain is in the feed exactly
 *       where readable, with its course of action in the STIX bundle), the same through every feed
 *       set (exactly the canaries of the member collections it may read) and the feed list;</li>
 *   <li>{@code /x-camiso/audit/} and every kind of {@code /x-camiso/admin/} request;</li>
 *   <li>{@code /x-camiso/token/}: unknown account and wrong password, bearer tokens of a deleted
 *       account, tampered and garbage tokens.</li>
 * </ul>
 * Asserted: whatever the requester may not see answers exactly like what does not exist (status,
 * media type, challenge, body apart from the names and ids it sent itself); no response body
 * holds an id, collection name or canary token of anything the requester may not read; what it
 * may read is really answered (so the test cannot pass by refusing everything); the audit trail
 * never holds object content; the admin and audit APIs refuse everyone else with one identical
 * answer and change nothing; the token endpoint does not tell unknown accounts from wrong
 * passwords, not even by its response time.
 */
class ExtensionLeaksTest {

    static final String JSON_TYPE = "application/json";
    static final String TAXII_TYPE = "application/taxii+json;version=2.1";
    static final String ANONYMOUS = AccessOracle.ANONYMOUS;
    static final String PASSWORD = "camiso-demo";
    /** Forwarding only sightings added after this adds nothing, so the forward probes write nothing. */
    static final String FUTURE = "2999-01-01T00:00:00Z";
    static final String NOT_AN_INTERMEDIARY = "no-such-intermediary";

    static {
        // idle keep-alive connections would hold the server's graceful shutdown for its full grace period
        System.setProperty("jdk.httpclient.keepalive.timeout", "1");
    }

    @RegisterExtension
    static final SampleServer sampleServer = SampleServer.perClass("camiso-extension-leaks-test");
    static HttpClient http;
    static CamisoConfig config;
    static AccessOracle oracle;
    static List<CollectionConfig> collections;
    static List<String> accounts;
    /** Collection id -> the canary planted in it. */
    static final Map<String, Canary> canaries = new LinkedHashMap<>();
    /** Object id -> the collections holding it (sample data and canaries). */
    static final Map<String, Set<String>> holders = new HashMap<>();
    /** Collection id -> an object of the sample data in it (none for collections without samples). */
    static final Map<String, String> sample = new HashMap<>();
    static Canary hub;

    /** What was planted in one collection; {@code token} is in every name, description and pattern. */
    record Canary(CollectionConfig collection, String token, String indicator, String action, String note,
                  String translation, List<String> ids) {
    }

    @BeforeAll
    static void start() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        config = ConfigLoader.loadDefault();
        oracle = new AccessOracle(config);
        collections = config.apiRoot("ndn").orElseThrow().collections();
        accounts = new ArrayList<>(config.accounts().stream().map(AccountConfig::name).toList());
        accounts.add(ANONYMOUS);

        // the public collection first: every other canary's course of action also mitigates its indicator
        CollectionConfig clear = collections.stream().filter(CollectionConfig::isPublic).findFirst().orElseThrow();
        hub = plant(clear, null);
        for (CollectionConfig c : collections) {
            if (c != clear) {
                plant(c, hub.indicator());
            }
        }
        for (CollectionConfig c : collections) {
            HttpResponse<String> r = send("admin", "GET", "ndn/collections/" + c.id() + "/objects/?limit=1000", null);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = json(r.body());
            assertFalse(page.path("more").asBoolean(), "more than 1000 objects in " + c.alias());
            for (JsonNode o : page.path("objects")) {
                String id = o.path("id").asText();
                holders.computeIfAbsent(id, k -> new HashSet<>()).add(c.id());
                if (!canaries.get(c.id()).ids().contains(id)) {
                    sample.putIfAbsent(c.id(), id);
                }
            }
        }
        assertTrue(sample.size() >= 10, "too few collections with sample data: " + sample.size());
        // a feed key for every account: the feeds must answer a key exactly as they answer its account
        for (String account : accounts) {
            if (!account.equals(ANONYMOUS)) {
                HttpResponse<String> k = send("admin", "POST", "x-camiso/admin/accounts/" + account + "/feed-keys/", "{}");
                assertEquals(201, k.statusCode(), k.body());
                feedKeys.put(account, json(k.body()).path("key").asText());
            }
        }
    }

    /** Per account, a feed key of it. */
    static final Map<String, String> feedKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /** Stores the canary of a collection as admin (who may write everywhere). */
    static Canary plant(CollectionConfig c, String hubIndicator) throws Exception {
        String token = "cnry" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String now = StixTimestamp.of(Instant.now(), 3).text();
        String indicator = "indicator--" + UUID.randomUUID();
        String action = "course-of-action--" + UUID.randomUUID();
        String note = "note--" + UUID.randomUUID();
        String translation = "language-content--" + UUID.randomUUID();
        ArrayNode objects = StixJson.mapper().createArrayNode();
        sdo(objects, "indicator", indicator, now).put("name", token + " indicator")
                .put("description", token + " seen in " + c.alias())
                .put("pattern", "[domain-name:value = '" + token + ".example']").put("pattern_type", "stix")
                .put("valid_from", now);
        sdo(objects, "course-of-action", action, now).put("name", token + " action")
                .put("description", token + " block it");
        sdo(objects, "relationship", "relationship--" + UUID.randomUUID(), now).put("relationship_type", "mitigates")
                .put("source_ref", action).put("target_ref", indicator);
        if (hubIndicator != null) {
            sdo(objects, "relationship", "relationship--" + UUID.randomUUID(), now).put("relationship_type", "mitigates")
                    .put("source_ref", action).put("target_ref", hubIndicator);
        }
        ObjectNode lc = sdo(objects, "language-content", translation, now).put("object_ref", action).put("object_modified", now);
        lc.putObject("contents").putObject("nl").put("name", token + " maatregel");
        ObjectNode n = sdo(objects, "note", note, now).put("content", token + " note");
        n.putArray("object_refs").add(indicator).add(hubIndicator == null ? action : hubIndicator);
        if (c.reporting()) {
            sdo(objects, "sighting", "sighting--" + UUID.randomUUID(), now).put("sighting_of_ref", indicator).put("count", 3);
        }
        ObjectNode envelope = StixJson.mapper().createObjectNode();
        envelope.set("objects", objects);
        HttpResponse<String> r = send("admin", "POST", "ndn/collections/" + c.id() + "/objects/", envelope.toString());
        assertEquals(202, r.statusCode(), r.body());
        JsonNode status = json(r.body());
        assertEquals(objects.size(), status.path("success_count").asInt(), c.alias() + ": canary not stored: " + r.body());
        // and one object the collection refuses, whose refusal reason quotes its value
        String refused = "{\"objects\":[{\"type\":\"email-addr\",\"spec_version\":\"2.1\",\"id\":\"email-addr--"
                + UUID.randomUUID() + "\",\"value\":\"Canary <" + token + "@example.com>\"}]}";
        HttpResponse<String> no = send("admin", "POST", "ndn/collections/" + c.id() + "/objects/", refused);
        assertEquals(202, no.statusCode(), no.body());
        assertTrue(json(no.body()).path("failures").path(0).path("message").asText().contains(token), no.body());
        List<String> ids = new ArrayList<>();
        objects.forEach(o -> ids.add(o.path("id").asText()));
        Canary canary = new Canary(c, token, indicator, action, note, translation, List.copyOf(ids));
        canaries.put(c.id(), canary);
        return canary;
    }

    static ObjectNode sdo(ArrayNode objects, String type, String id, String now) {
        return objects.addObject().put("type", type).put("spec_version", "2.1").put("id", id)
                .put("created", now).put("modified", now);
    }

    // --- the probes, per account ---------------------------------------------------------------------------

    @Test
    void extensionEndpointsLeakNothing() throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Map<String, String> adminStateBefore = adminState();
        AtomicInteger objectProbes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String account : accounts) {
                runs.add(pool.submit(() -> {
                    try {
                        Probe p = new Probe(account, problems);
                        p.actions();
                        p.releases(objectProbes);
                        p.consents();
                        p.forwards();
                        p.feeds();
                        p.feedSets();
                        p.audit();
                        p.admin();
                    } catch (Exception e) {
                        problems.add(account + ": " + e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // nothing written by a probe: no object, no consent-backed release, no network change
        for (CollectionConfig c : collections) {
            HttpResponse<String> r = send("admin", "GET", "ndn/collections/" + c.id() + "/objects/?limit=1000", null);
            int count = json(r.body()).path("objects").size();
            long expected = holders.values().stream().filter(h -> h.contains(c.id())).count();
            if (count != expected) {
                problems.add(c.alias() + ": " + count + " objects after the probes, " + expected + " before");
            }
        }
        if (!adminState().equals(adminStateBefore)) {
            problems.add("the network or the accounts changed during the probes");
        }
        auditTrailHoldsNoContent(problems);
        assertTrue(problems.isEmpty(), problems.size() + " leak(s), the first 200:\n"
                + String.join("\n", problems.stream().limit(200).toList()));
        assertTrue(objectProbes.get() > 50, "too few release probes with unreadable objects: " + objectProbes.get());
    }

    /** The audit trail is for supervisors: who did what to which ids, never names, text or patterns. */
    private void auditTrailHoldsNoContent(ConcurrentLinkedQueue<String> problems) throws Exception {
        String next = null;
        int entries = 0;
        do {
            HttpResponse<String> r = send("supervisor", "GET", "x-camiso/audit/?limit=1000" + (next == null ? "" : "&next=" + next), null);
            assertEquals(200, r.statusCode(), r.body());
            for (Canary c : canaries.values()) {
                if (r.body().contains(c.token())) {
                    problems.add("audit trail holds the content of a canary object of " + c.collection().alias());
                }
            }
            JsonNode page = json(r.body());
            entries += page.path("entries").size();
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        assertTrue(entries > 100, "audit trail nearly empty: " + entries);
    }

    /** What the admin API shows, to check that refused admin requests changed nothing. */
    private static Map<String, String> adminState() throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        for (String what : List.of("organisations", "initiatives", "accounts", "collections")) {
            HttpResponse<String> r = send("admin", "GET", "x-camiso/admin/" + what + "/", null);
            assertEquals(200, r.statusCode(), r.body());
            state.put(what, r.body());
        }
        return state;
    }

    /** One account's probes; problems go to the shared queue. */
    private static final class Probe {

        final String account;
        final ConcurrentLinkedQueue<String> problems;
        /** Ids, canary tokens and invisible collection names this account may not learn. */
        final Set<String> forbidden = new HashSet<>();
        /** The canary tokens only: object content, which not even the audit trail may show. */
        final Set<String> forbiddenContent = new HashSet<>();
        final boolean anonymous;
        final String missingId = "indicator--" + UUID.randomUUID();
        final String missingCollectionId = UUID.randomUUID().toString();
        final String missingAlias = "no-such-collection-" + UUID.randomUUID().toString().substring(0, 8);

        Probe(String account, ConcurrentLinkedQueue<String> problems) {
            this.account = account;
            this.problems = problems;
            this.anonymous = account.equals(ANONYMOUS);
            Set<String> readable = new HashSet<>();
            for (CollectionConfig c : collections) {
                if (reads(c)) {
                    readable.add(c.id());
                } else {
                    forbidden.add(canaries.get(c.id()).token());
                    forbiddenContent.add(canaries.get(c.id()).token());
                    if (!oracle.mayWrite(account, c)) {
                        forbidden.add(c.id());
                        forbidden.add(c.alias());
                    }
                }
            }
            holders.forEach((id, in) -> {
                if (in.stream().noneMatch(readable::contains)) {
                    forbidden.add(id);
                }
            });
        }

        boolean reads(CollectionConfig c) {
            return oracle.mayRead(account, c);
        }

        /** Objects reach the actions endpoint from the collections it may read (anonymous: never, it is 401). */
        boolean readsViaExtensions(String objectId) {
            return oracle.decideApiRoot(account, Operation.READ_ACTIONS, collections) == Outcome.ALLOWED
                    && holders.getOrDefault(objectId, Set.of()).stream()
                    .anyMatch(id -> oracle.decide(account, Operation.READ_OBJECTS, collection(id)) == Outcome.ALLOWED);
        }

        /** Whether the answer about this operation on the collection may tell that it exists (allowed or 403). */
        java.util.function.Predicate<CollectionConfig> reveals(Operation op) {
            return c -> {
                Outcome o = oracle.decide(account, op, c);
                return o == Outcome.ALLOWED || o == Outcome.FORBIDDEN;
            };
        }

        /** The status a refused server-wide operation must answer with, per the oracle's mapping; 200 when allowed. */
        int serverStatus(Operation op) {
            return switch (oracle.decideServer(account, op, true)) {
                case ALLOWED -> 200;
                case UNAUTHENTICATED -> 401;
                case HIDDEN -> 404;
                case FORBIDDEN -> 403;
            };
        }

        // --- actions ---------------------------------------------------------------------------

        void actions() throws Exception {
            Answer none = get("ndn/x-camiso/objects/" + missingId + "/actions/", missingId);
            String missingAction = "course-of-action--" + UUID.randomUUID();
            same("actions of a missing course of action", get("ndn/x-camiso/objects/" + missingAction + "/actions/", missingAction), none);
            for (CollectionConfig c : collections) {
                Canary canary = canaries.get(c.id());
                List<String> ids = new ArrayList<>(List.of(canary.indicator(), canary.action(), canary.note()));
                Optional.ofNullable(sample.get(c.id())).ifPresent(ids::add);
                for (String id : ids) {
                    Answer a = get("ndn/x-camiso/objects/" + id + "/actions/", id);
                    String what = c.alias() + " " + id.substring(0, id.indexOf("--")) + " actions";
                    if (!readsViaExtensions(id)) {
                        same(what, a, none);
                    } else if (a.status() != 200 || !a.body().contains(id)) {
                        problems.add(account + " / " + what + ": " + a.status() + " " + a.body());
                    } else if (id.equals(canary.indicator())
                            && !(a.body().contains(canary.action()) && a.body().contains(canary.note()))) {
                        problems.add(account + " / " + what + ": course of action or note missing: " + a.body());
                    }
                }
            }
            // the hub indicator's actions: exactly the courses of action of the collections this account reads
            for (String query : List.of("", "?lang=nl")) {
                Answer a = get("ndn/x-camiso/objects/" + hub.indicator() + "/actions/" + query, hub.indicator());
                if (!readsViaExtensions(hub.indicator())) {
                    same("hub actions" + query, a, none);
                    continue;
                }
                for (Canary canary : canaries.values()) {
                    if (reads(canary.collection()) && !(a.body().contains(canary.action())
                            && (query.isEmpty() || a.body().contains(canary.translation())))) {
                        problems.add(account + " / hub actions" + query + ": misses the course of action of "
                                + canary.collection().alias() + ": " + a.status());
                    }
                }
            }
        }

        // --- releases ----------------------------------------------------------------------------

        void releases(AtomicInteger objectProbes) throws Exception {
            String path = "ndn/x-camiso/releases/";
            // an invisible source collection: as if it did not exist
            CollectionConfig clear = hub.collection();
            collectionProbes("release from", ref -> post(path, release(ref, clear.alias(), missingId), ref, missingId),
                    reveals(Operation.RELEASE_FROM));
            // an invisible target collection, from a collection this account reads (the strictest)
            Optional<CollectionConfig> source = collections.stream().filter(this::reads)
                    .max(Comparator.comparing(CollectionConfig::tlp));
            if (source.isPresent() && !anonymous) {
                collectionProbes("release to", ref -> post(path, release(source.get().alias(), ref, missingId), ref, missingId),
                        reveals(Operation.RELEASE_TO));
            }
            // objects this account may not read, from a source it reads into a wider target it may write
            Optional<CollectionConfig[]> pair = anonymous ? Optional.empty() : collections.stream().filter(this::reads)
                    .flatMap(s -> collections.stream().filter(t -> oracle.mayWrite(account, t) && s.tlp().isStricterThan(t.tlp()))
                            .map(t -> new CollectionConfig[]{s, t}))
                    .findFirst();
            if (pair.isEmpty()) {
                return;
            }
            String s = pair.get()[0].alias();
            String t = pair.get()[1].alias();
            Answer none = post(path, release(s, t, missingId), missingId);
            if (none.status() != 404) {
                problems.add(account + " / release of a missing object from " + s + " to " + t + ": " + none.status() + " " + none.body());
            }
            for (CollectionConfig c : collections) {
                if (reads(c)) {
                    continue;
                }
                Canary canary = canaries.get(c.id());
                for (String id : List.of(canary.indicator(), canary.action(), sample.getOrDefault(c.id(), canary.note()))) {
                    if (!readsViaExtensions(id)) {
                        same("release of " + c.alias() + " object " + id, post(path, release(s, t, id), id), none);
                        objectProbes.incrementAndGet();
                    }
                }
            }
        }

        static String release(String source, String target, String objectId) {
            ObjectNode n = StixJson.mapper().createObjectNode().put("source_collection", source).put("target_collection", target);
            n.putArray("object_ids").add(objectId);
            return n.put("include_actions", true).toString();
        }

        // --- consents ----------------------------------------------------------------------------

        void consents() throws Exception {
            // an organisation that is no intermediary: a request that gets past the collection check is refused (400)
            String body = "{\"intermediary\":\"" + NOT_AN_INTERMEDIARY + "\"}";
            collectionProbes("consent PUT", ref -> call("PUT", "ndn/x-camiso/consents/" + ref + "/", body, ref), reveals(Operation.GIVE_CONSENT));
            collectionProbes("consent DELETE", ref -> call("DELETE", "ndn/x-camiso/consents/" + ref + "/?intermediary="
                    + NOT_AN_INTERMEDIARY, null, ref), reveals(Operation.GIVE_CONSENT));
        }

        // --- sightings forwarding ----------------------------------------------------------------

        void forwards() throws Exception {
            String path = "ndn/x-camiso/sightings/forward/";
            String to = collections.stream().filter(c -> oracle.mayWrite(account, c))
                    .sorted(Comparator.comparing(c -> !c.reporting())).map(CollectionConfig::alias)
                    .findFirst().orElse(hub.collection().alias());
            collectionProbes("forward from", ref -> post(path, forward(ref, to), ref), reveals(Operation.FORWARD_FROM));
            Optional<String> from = collections.stream().filter(this::reads)
                    .sorted(Comparator.comparing(c -> !c.reporting())).map(CollectionConfig::alias).findFirst();
            if (from.isPresent()) {
                collectionProbes("forward to", ref -> post(path, forward(from.get(), ref), ref), reveals(Operation.FORWARD_TO));
            }
        }

        static String forward(String from, String to) {
            return StixJson.mapper().createObjectNode().put("from_collection", from).put("to_collection", to)
                    .put("since", FUTURE).toString();
        }

        // --- block-list feeds ----------------------------------------------------------------------

        /**
         * A collection's feed answers like a missing one unless readable; then it lists the canary.
         * The formats that hold an indicator's name, id and courses of action (RPZ comments,
         * Suricata msg and reference, Zeek desc, the STIX bundle) are probed too.
         */
        void feeds() throws Exception {
            for (String format : List.of("domain", "domain?explain=true", "ip?explain=true&max=5", "rpz?explain=true",
                    "suricata", "zeek", "stix", "csv")) {
                String query = format.contains("?") ? format.substring(format.indexOf('?')) : "";
                String name = query.isEmpty() ? format : format.substring(0, format.indexOf('?'));
                Answer noId = get("ndn/x-camiso/feeds/" + missingCollectionId + "/" + format, missingCollectionId);
                Answer noAlias = get("ndn/x-camiso/feeds/" + missingAlias + "/" + format, missingAlias);
                same("feed " + format + " missing alias", noAlias, noId);
                for (CollectionConfig c : collections) {
                    // every format passes the same access check first: by id once is enough
                    for (String ref : format.equals("domain") ? List.of(c.id(), c.alias()) : List.of(c.alias())) {
                        Answer a = get("ndn/x-camiso/feeds/" + ref + "/" + name + query, ref);
                        if (!anonymous) {
                            // the account's feed key gets the same answer: same status, the canary alike
                            Answer byKey = withFeedKey("ndn/x-camiso/feeds/" + ref + "/" + name + query, ref);
                            if (byKey.status() != a.status() || a.status() == 200
                                    && listsCanary(name, a.body(), canaries.get(c.id())) != listsCanary(name, byKey.body(), canaries.get(c.id()))) {
                                problems.add(account + " / feed " + format + " " + ref + " with a feed key: " + byKey.status()
                                        + " where the account gets " + a.status());
                            }
                        }
                        Outcome outcome = oracle.decide(account, Operation.READ_FEED, c);
                        if (outcome == Outcome.HIDDEN || outcome == Outcome.UNAUTHENTICATED) {
                            same("feed " + format + " " + ref, a, ref.equals(c.id()) ? noId : noAlias);
                        } else if (outcome == Outcome.FORBIDDEN) {
                            if (a.status() != 403) {
                                problems.add(account + " / feed " + format + " " + ref + ": " + a.status() + " instead of 403");
                            }
                        } else if (a.status() != 200 || !listsCanary(name, a.body(), canaries.get(c.id()))) {
                            problems.add(account + " / feed " + format + " " + ref + ": " + a.status() + " " + clip(a.body()));
                        }
                    }
                }
            }
        }

        /**
         * The feed sets of the configuration, in every format: the canaries of exactly the member
         * collections the account may read, nothing of the others; none readable answers as a
         * collection would (the 403 of a writer, else what does not exist); a feed key alike. And
         * the feed list names only readable collections, and of a set only its readable ones.
         */
        void feedSets() throws Exception {
            var sets = config.apiRoot("ndn").orElseThrow().feedSets();
            assertFalse(sets.isEmpty(), "the sample has no feed sets");
            for (String format : List.of("domain", "domain?explain=true", "rpz", "suricata", "zeek", "stix", "csv")) {
                String query = format.contains("?") ? format.substring(format.indexOf('?')) : "";
                String name = query.isEmpty() ? format : format.substring(0, format.indexOf('?'));
                Answer missing = get("ndn/x-camiso/feeds/" + missingAlias + "/" + format, missingAlias);
                for (var set : sets.entrySet()) {
                    List<CollectionConfig> members = set.getValue().collections().stream()
                            .map(ref -> config.apiRoot("ndn").orElseThrow().collection(ref).orElseThrow()).distinct().toList();
                    List<Outcome> outcomes = members.stream().map(c -> oracle.decide(account, Operation.READ_FEED, c)).toList();
                    String path = "ndn/x-camiso/feeds/" + set.getKey() + "/" + name + query;
                    String what = "feed set " + set.getKey() + " " + format;
                    Answer a = get(path, set.getKey());
                    if (!anonymous) {
                        Answer byKey = withFeedKey(path, set.getKey());
                        if (byKey.status() != a.status()) {
                            problems.add(account + " / " + what + " with a feed key: " + byKey.status() + " where the account gets " + a.status());
                        }
                    }
                    if (!outcomes.contains(Outcome.ALLOWED)) {
                        if (outcomes.contains(Outcome.FORBIDDEN) && !anonymous) {
                            if (a.status() != 403) {
                                problems.add(account + " / " + what + ": " + a.status() + " instead of 403");
                            }
                        } else {
                            same(what, a, missing);
                        }
                        continue;
                    }
                    if (a.status() != 200) {
                        problems.add(account + " / " + what + ": " + a.status() + " " + clip(a.body()));
                        continue;
                    }
                    for (int i = 0; i < members.size(); i++) {
                        boolean readable = outcomes.get(i) == Outcome.ALLOWED;
                        Canary canary = canaries.get(members.get(i).id());
                        if (listsCanary(name, a.body(), canary) != readable || !readable && a.body().contains(canary.token())) {
                            problems.add(account + " / " + what + ": the canary of " + members.get(i).alias()
                                    + (readable ? " is missing" : " is there"));
                        }
                    }
                }
            }
            Answer list = get("ndn/x-camiso/feeds/");
            boolean readsAny = collections.stream().anyMatch(c -> oracle.decide(account, Operation.READ_FEED, c) == Outcome.ALLOWED);
            if (anonymous) {
                if (list.status() != 401) {
                    problems.add(account + " / feed list: " + list.status() + " instead of 401");
                }
            } else if (list.status() == 200) {
                JsonNode body = json(list.body());
                for (JsonNode c : body.path("collections")) {
                    CollectionConfig col = collection(c.path("id").asText());
                    if (oracle.decide(account, Operation.READ_FEED, col) != Outcome.ALLOWED) {
                        problems.add(account + " / feed list names " + col.alias());
                    }
                }
                for (JsonNode set : body.path("feed_sets")) {
                    for (JsonNode ref : set.path("collections")) {
                        CollectionConfig col = config.apiRoot("ndn").orElseThrow().collection(ref.asText()).orElseThrow();
                        if (oracle.decide(account, Operation.READ_FEED, col) != Outcome.ALLOWED) {
                            problems.add(account + " / feed list: set " + set.path("name").asText() + " names " + col.alias());
                        }
                    }
                }
                if (body.path("collections").size() != collections.stream()
                        .filter(c -> oracle.decide(account, Operation.READ_FEED, c) == Outcome.ALLOWED).count()) {
                    problems.add(account + " / feed list: " + body.path("collections").size() + " collections listed");
                }
            } else if (readsAny || list.status() != 404) {
                problems.add(account + " / feed list: " + list.status() + " " + clip(list.body()));
            }
        }

        /** Whether a readable collection's feed lists its canary's domain, as the format writes it. */
        static boolean listsCanary(String format, String body, Canary canary) {
            String domain = canary.token() + ".example";
            return switch (format) {
                case "domain" -> body.contains(domain + "\n");
                case "rpz" -> body.contains("\n" + domain + " CNAME .\n");
                case "suricata" -> body.contains("content:\"." + domain + "\"") && body.contains(canary.indicator());
                case "zeek" -> body.contains("\n" + domain + "\tIntel::DOMAIN\t");
                case "stix" -> body.contains(canary.indicator()) && body.contains(canary.action());
                case "csv" -> body.contains(canary.indicator() + ",domain," + domain + ",");
                default -> true;
            };
        }

        // --- audit and admin ---------------------------------------------------------------------

        void audit() throws Exception {
            int expected = serverStatus(Operation.READ_AUDIT);
            boolean auditor = expected == 200;
            Answer first = null;
            for (String query : List.of("", "?limit=1", "?organisation=ndn", "?action=access-denied",
                    "?from=2020-01-01T00:00:00Z", "?next=0", "?limit=abc", "?organisation=" + missingAlias)) {
                // supervisors read who did what to which ids and collections, never what the objects say
                Answer a = call(auditor ? forbiddenContent : forbidden, "GET", "x-camiso/audit/" + query, null);
                if (auditor) {
                    if (a.status() != 200 && !query.equals("?limit=abc")) {
                        problems.add(account + " / audit" + query + ": " + a.status() + " " + a.body());
                    }
                    continue;
                }
                if (a.status() != expected) {
                    problems.add(account + " / audit" + query + ": " + a.status() + " instead of " + expected);
                }
                if (first == null) {
                    first = a;
                } else {
                    same("audit" + query, a, first);
                }
            }
        }

        void admin() throws Exception {
            int refusal = serverStatus(Operation.ADMINISTER);
            boolean admin = refusal == 200;
            CollectionConfig red = collections.stream().filter(c -> c.tlp() == Tlp.RED).findFirst().orElseThrow();
            String org = "{\"title\":\"probe\",\"role\":\"member\"}";
            String acc = "{\"password\":\"a-long-probe-password\",\"organisation\":\"ndn\",\"roles\":[\"admin\"]}";
            String self = anonymous ? "ncsc-analyst" : account;
            List<String[]> requests = List.of(
                    new String[]{"GET", "organisations/"}, new String[]{"GET", "organisations/ndn/"},
                    new String[]{"GET", "organisations/" + missingAlias + "/"},
                    new String[]{"GET", "initiatives/"}, new String[]{"GET", "initiatives/isac-energie/"},
                    new String[]{"GET", "initiatives/" + missingAlias + "/"},
                    new String[]{"GET", "accounts/"}, new String[]{"GET", "accounts/ncsc-analyst/"},
                    new String[]{"GET", "accounts/" + missingAlias + "/"},
                    new String[]{"GET", "collections/"}, new String[]{"GET", "collections/" + red.alias() + "/red-accounts/"},
                    new String[]{"GET", "collections/" + missingCollectionId + "/red-accounts/"},
                    new String[]{"PUT", "organisations/" + missingAlias + "/", org},
                    new String[]{"PUT", "accounts/" + self + "/", acc},
                    new String[]{"PUT", "accounts/" + missingAlias + "/", acc},
                    new String[]{"PUT", "initiatives/isac-energie/members/" + oracle.organisationOf(self) + "/", "{\"clearance\":\"AMBER+STRICT\"}"},
                    new String[]{"PUT", "collections/" + red.alias() + "/red-accounts/" + self + "/"},
                    new String[]{"PUT", "collections/" + red.alias() + "/red-accounts/", "{\"accounts\":[\"" + self + "\"]}"},
                    new String[]{"DELETE", "collections/" + red.alias() + "/red-accounts/ncsc-analyst/"},
                    new String[]{"DELETE", "initiatives/ferm/members/dtc/"},
                    new String[]{"DELETE", "accounts/ncsc-analyst/"}, new String[]{"DELETE", "accounts/" + missingAlias + "/"},
                    new String[]{"DELETE", "organisations/" + missingAlias + "/"});
            Answer first = null;
            for (String[] r : requests) {
                String what = "admin " + r[0] + " " + r[1];
                if (admin) {
                    if (r[0].equals("GET")) { // the admin's own writes are tested in AdminApiTest
                        Answer a = call("GET", "x-camiso/admin/" + r[1], null);
                        int expected = r[1].contains(missingAlias) || r[1].contains(missingCollectionId) ? 404 : 200;
                        if (a.status() != expected) {
                            problems.add(account + " / " + what + ": " + a.status() + " instead of " + expected);
                        }
                    }
                    continue;
                }
                Answer a = call(r[0], "x-camiso/admin/" + r[1], r.length > 2 ? r[2] : null);
                if (a.status() != refusal) {
                    problems.add(account + " / " + what + ": " + a.status() + " instead of " + refusal);
                }
                if (first == null) {
                    first = a;
                } else {
                    same(what, a, first);
                }
            }
        }

        // --- probing and comparing ---------------------------------------------------------------

        interface Request {
            Answer send(String collectionRef) throws Exception;
        }

        /**
         * Sends the request once per collection, by id and by alias, and for a missing id and alias:
         * where {@code visible} says no, the answer must equal the missing one's.
         */
        void collectionProbes(String what, Request request, java.util.function.Predicate<CollectionConfig> visible)
                throws Exception {
            Answer noId = request.send(missingCollectionId);
            Answer noAlias = request.send(missingAlias);
            same(what + " missing alias", noAlias, noId);
            for (CollectionConfig c : collections) {
                Answer byId = request.send(c.id());
                Answer byAlias = request.send(c.alias());
                if (!visible.test(c)) {
                    same(what + " " + c.alias() + " (id)", byId, noId);
                    same(what + " " + c.alias(), byAlias, noAlias);
                } else if (byId.status() / 100 == 2 && !what.startsWith("forward") || byId.status() >= 500) {
                    problems.add(account + " / " + what + " " + c.alias() + ": " + byId.status() + " " + byId.body());
                } else if (byId.status() == 202 && byId.body().contains("\"source_sightings\":") // a forward that wrote
                        && json(byId.body()).path("x_camiso_forward").path("indicators").asInt() != 0) {
                    problems.add(account + " / " + what + " " + c.alias() + ": forwarded something: " + byId.body());
                }
            }
        }

        /** The answer about something invisible must be the answer about something missing. */
        void same(String what, Answer invisible, Answer missing) {
            if (invisible.status() / 100 == 2 || invisible.status() != missing.status()
                    || !invisible.normalisedBody().equals(missing.normalisedBody())
                    || !invisible.contentType().equals(missing.contentType())
                    || !invisible.challenge().equals(missing.challenge())) {
                problems.add(account + " / " + what + ": differs from what does not exist: " + invisible.status() + " "
                        + invisible.body() + " vs " + missing.status() + " " + missing.body());
            }
        }

        Answer get(String path, String... sent) throws Exception {
            return call("GET", path, null, sent);
        }

        Answer post(String path, String body, String... sent) throws Exception {
            return call("POST", path, body, sent);
        }

        Answer call(String method, String path, String body, String... sent) throws Exception {
            return call(forbidden, method, path, body, sent);
        }

        /** A GET with the account's feed key as {@code ?key=} and no other credential; the body checked as by {@link #call}. */
        Answer withFeedKey(String path, String... sent) throws Exception {
            String key = feedKeys.get(account);
            HttpResponse<String> r = send((String) null, "GET", path + (path.contains("?") ? "&" : "?") + "key=" + key, null);
            Answer a = new Answer(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""),
                    r.headers().firstValue("www-authenticate").orElse(""), List.of(sent));
            for (String s : forbidden) {
                if (a.normalisedBody().contains(s)) {
                    problems.add(account + " / GET " + path + " with a feed key: the answer names " + describe(s));
                }
            }
            if (a.body().contains(key)) {
                problems.add(account + " / GET " + path + ": the answer repeats the feed key");
            }
            return a;
        }

        /** Sends, and checks the body for any of the secrets (besides what the request itself sent). */
        Answer call(Set<String> secrets, String method, String path, String body, String... sent) throws Exception {
            HttpResponse<String> r = send(anonymous ? null : account, method, path, body);
            Answer a = new Answer(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""),
                    r.headers().firstValue("www-authenticate").orElse(""), List.of(sent));
            String seen = a.normalisedBody();
            for (String s : secrets) {
                if (seen.contains(s)) {
                    problems.add(account + " / " + method + " " + path + ": the answer names " + describe(s) + ": "
                            + r.statusCode() + " " + clip(r.body()));
                }
            }
            return a;
        }

        String describe(String secret) {
            for (Canary c : canaries.values()) {
                if (c.token().equals(secret) || c.ids().contains(secret)) {
                    return "canary " + secret + " of " + c.collection().alias();
                }
            }
            return secret;
        }
    }

    /** One response; the body with what the requester itself sent replaced, for comparison. */
    record Answer(int status, String body, String contentType, String challenge, List<String> sent) {
        String normalisedBody() {
            String b = body;
            for (String s : sent.stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
                b = b.replace(s, "<sent>");
            }
            return b;
        }
    }

    // --- token endpoint --------------------------------------------------------------------------------------

    @Test
    void tokenEndpointDoesNotTellWhichAccountsExist() throws Exception {
        String path = "x-camiso/token/";
        List<String> problems = new ArrayList<>();
        // every account gets a token for itself, and the token reads exactly what the password reads
        for (String account : accounts) {
            HttpResponse<String> r = send(account.equals(ANONYMOUS) ? null : account, "POST", path, null);
            if (account.equals(ANONYMOUS)) {
                assertEquals(401, r.statusCode(), r.body());
                continue;
            }
            assertEquals(200, r.statusCode(), account + ": " + r.body());
            String token = json(r.body()).path("access_token").asText();
            // a token cannot be renewed with a token: the oracle says 403 for a request without the password
            HttpResponse<String> renewal = sendBearer(token, "POST", path);
            if (oracle.decideServer(account, Operation.ISSUE_TOKEN, false) != Outcome.FORBIDDEN || renewal.statusCode() != 403) {
                problems.add(account + ": renewing a token with the token answers " + renewal.statusCode());
            }
            HttpResponse<String> withToken = sendBearer(token, "GET", "ndn/collections/");
            HttpResponse<String> withPassword = send(account, "GET", "ndn/collections/", null);
            if (withToken.statusCode() != withPassword.statusCode() || !withToken.body().equals(withPassword.body())) {
                problems.add(account + ": its token reads other collections than its password");
            }
        }
        // a wrong password for an existing account answers like any password for an unknown one
        HttpResponse<String> reference = sendAs("no-such-account", "x", "POST", path);
        assertEquals(401, reference.statusCode(), reference.body());
        List<String[]> attempts = new ArrayList<>();
        for (String name : List.of("admin", "supervisor", "ncsc-analyst", "kempen-precisie-analyst")) {
            attempts.add(new String[]{name, "wrong-password"});
            attempts.add(new String[]{name, PASSWORD + " "});
        }
        for (String name : List.of("admin2", "Admin", "ncsc-analyst.", "nobody-" + UUID.randomUUID())) {
            attempts.add(new String[]{name, PASSWORD});
        }
        for (String[] a : attempts) {
            HttpResponse<String> r = sendAs(a[0], a[1], "POST", path);
            if (!sameAnswer(r, reference)) {
                problems.add("Basic " + a[0] + " with a wrong password: " + r.statusCode() + " " + r.body()
                        + " vs unknown account " + reference.statusCode() + " " + reference.body());
            }
        }
        // nor by the time it takes: the password check runs for unknown accounts too (~0.3 s of PBKDF2)
        long[] unknown = new long[5];
        long[] wrong = new long[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            sendAs("nobody-" + UUID.randomUUID(), "wrong-password", "POST", path);
            long t1 = System.nanoTime();
            sendAs("ncsc-analyst", "wrong-password-" + i, "POST", path);
            long t2 = System.nanoTime();
            unknown[i] = t1 - t0;
            wrong[i] = t2 - t1;
        }
        long u = median(unknown);
        long w = median(wrong);
        if (u * 3 < w || w * 3 < u) {
            problems.add("unknown account answered in " + u / 1_000_000 + " ms, wrong password in " + w / 1_000_000 + " ms");
        }

        // bearer tokens: one of a deleted account answers like a tampered or a garbage one
        String probe = "zz-token-probe-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a-long-probe-password-" + UUID.randomUUID();
        HttpResponse<String> created = send("admin", "PUT", "x-camiso/admin/accounts/" + probe + "/",
                "{\"password\":\"" + password + "\",\"organisation\":\"ferm\"}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> issued = sendAs(probe, password, "POST", path);
        assertEquals(200, issued.statusCode(), issued.body());
        String orphan = json(issued.body()).path("access_token").asText();
        assertEquals(200, sendBearer(orphan, "GET", "ndn/collections/").statusCode());
        assertEquals(204, send("admin", "DELETE", "x-camiso/admin/accounts/" + probe + "/", null).statusCode());

        String valid = json(send("ncsc-analyst", "POST", path, null).body()).path("access_token").asText();
        String[] parts = valid.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("ncsc-analyst", "aivd-analyst");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        HttpResponse<String> garbage = sendBearer("not.a.token", "POST", path);
        assertEquals(401, garbage.statusCode(), garbage.body());
        for (String[] t : List.of(new String[]{"of a deleted account", orphan}, new String[]{"tampered", tampered})) {
            for (String p : List.of(path, "ndn/collections/", "ndn/x-camiso/objects/" + hub.indicator() + "/actions/")) {
                String method = p.equals(path) ? "POST" : "GET";
                HttpResponse<String> r = sendBearer(t[1], method, p);
                HttpResponse<String> g = sendBearer("not.a.token", method, p);
                if (!sameAnswer(r, g)) {
                    problems.add("token " + t[0] + " at " + p + ": " + r.statusCode() + " " + r.body()
                            + " vs garbage " + g.statusCode() + " " + g.body());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static boolean sameAnswer(HttpResponse<String> a, HttpResponse<String> b) {
        return a.statusCode() == b.statusCode() && a.body().equals(b.body())
                && a.headers().firstValue("content-type").equals(b.headers().firstValue("content-type"))
                && a.headers().firstValue("www-authenticate").equals(b.headers().firstValue("www-authenticate"));
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    // --- HTTP -------------------------------------------------------------------------------------------

    static CollectionConfig collection(String id) {
        return collections.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    /** As {@code account} with the demo password; null sends no credentials. */
    static HttpResponse<String> send(String account, String method, String path, String body) throws Exception {
        return send(account, method, path, body, mediaType(path), mediaType(path));
    }

    /** The extension endpoints speak JSON, the TAXII ones the TAXII media type. */
    static String mediaType(String path) {
        return path.contains("x-camiso/") ? JSON_TYPE : TAXII_TYPE;
    }

    static HttpResponse<String> send(String account, String method, String path, String body, String accept,
                                     String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sampleServer.server().baseUri() + path)).header("Accept", accept);
        if (account != null) {
            b.header("Authorization", basic(account, PASSWORD));
        }
        return send(b, method, body, contentType);
    }

    static HttpResponse<String> sendAs(String user, String password, String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sampleServer.server().baseUri() + path)).header("Accept", JSON_TYPE)
                .header("Authorization", basic(user, password));
        return send(b, method, null, JSON_TYPE);
    }

    static HttpResponse<String> sendBearer(String token, String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sampleServer.server().baseUri() + path)).header("Accept", mediaType(path))
                .header("Authorization", "Bearer " + token);
        return send(b, method, null, JSON_TYPE);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String method, String body, String contentType)
            throws Exception {
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(String body) {
        try {
            return StixJson.parse(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
