package nl.camiso.server.network;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.stix.StixJson;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero leaks, generated: the real server with the sample network (6 initiatives, 27
 * organisations, 20 collections) and EVERY demo account plus anonymous against EVERY collection
 * and every TAXII endpoint: collections list, collection, objects, object, manifest, versions,
 * DELETE, POST, and someone else's status. Whoever may not read a collection gets nothing: the
 * same 404 body as for a collection that does not exist (403 only where the requester sees the
 * collection because it may write it), no ids in error bodies, no {@code X-TAXII-Date-Added-*}
 * headers, nothing stored by a POST it may not make, nothing deleted. The expected decision of each
 * operation (allowed, 401, 404 or 403) comes from {@link AccessOracle}, written from domain.md's table
 * and the one refusal mapping independently of the server's rules and authorizer.
 */
class ZeroLeaksTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String ANONYMOUS = AccessOracle.ANONYMOUS;

    static {
        // idle keep-alive connections would hold the server's graceful shutdown for its full grace period
        System.setProperty("jdk.httpclient.keepalive.timeout", "1");
    }

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-zero-leaks-test");
    static HttpClient http;
    static CamisoConfig config;
    static AccessOracle oracle;
    static List<CollectionConfig> collections;
    static List<String> accounts;
    /** collection id -> an object id stored in it (or, for an empty collection, one stored elsewhere). */
    static final Map<String, String> knownObject = new HashMap<>();
    static final Map<String, Integer> countBefore = new HashMap<>();
    /** collection id -> the ids stored in it before the tests post anything. */
    static final Map<String, Set<String>> storedIn = new HashMap<>();
    static String adminStatus;

    @BeforeAll
    static void start() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        config = ConfigLoader.loadDefault();
        oracle = new AccessOracle(config);
        collections = config.apiRoot("ndn").orElseThrow().collections();
        accounts = new ArrayList<>(config.accounts().stream().map(AccountConfig::name).toList());
        accounts.add(ANONYMOUS);
        assertTrue(config.initiatives().size() >= 5 && config.organisations().size() >= 12, "network too small");

        String anyObject = null;
        for (CollectionConfig c : collections) {
            List<String> ids = objectIds(c.id());
            countBefore.put(c.id(), ids.size());
            storedIn.put(c.id(), new HashSet<>(ids));
            if (!ids.isEmpty()) {
                knownObject.put(c.id(), ids.get(0));
                anyObject = ids.get(0);
            }
        }
        for (CollectionConfig c : collections) {
            knownObject.putIfAbsent(c.id(), anyObject);
        }
        HttpResponse<String> post = send("admin", "POST", "ndn/collections/" + collections.get(0).id() + "/objects/",
                envelope(newIndicatorId()));
        assertEquals(202, post.statusCode(), post.body());
        adminStatus = StixJson.parse(post.body().getBytes(StandardCharsets.UTF_8)).path("id").asText();
    }

    // --- the oracle: domain.md's table, the write rule and the one refusal mapping (see AccessOracle) ----

    static Outcome expect(String account, Operation op, CollectionConfig c) {
        return oracle.decide(account, op, c);
    }

    static boolean expectRead(String account, CollectionConfig c) {
        return oracle.mayRead(account, c);
    }

    static boolean expectWrite(String account, CollectionConfig c) {
        return oracle.mayWrite(account, c);
    }

    // --- the test ----------------------------------------------------------------------------------

    @Test
    void nobodyLearnsAnythingAboutWhatItMayNotRead() throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refusedPosts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acceptedPosts = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String account : accounts) {
                runs.add(pool.submit(() -> {
                    try {
                        checkAccount(account, problems, refusedPosts, acceptedPosts);
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
        // nothing refused was stored, everything accepted was, nothing was deleted
        Set<String> everything = new HashSet<>();
        for (CollectionConfig c : collections) {
            List<String> ids = objectIds(c.id());
            everything.addAll(ids);
            if (ids.size() < countBefore.get(c.id())) {
                problems.add(c.alias() + ": objects disappeared");
            }
        }
        refusedPosts.stream().filter(everything::contains).forEach(id -> problems.add("refused POST stored " + id));
        acceptedPosts.stream().filter(id -> !everything.contains(id)).forEach(id -> problems.add("accepted POST lost " + id));
        assertTrue(problems.isEmpty(), problems.size() + " leak(s):\n" + String.join("\n", problems));
        assertFalse(acceptedPosts.isEmpty());
        assertFalse(refusedPosts.isEmpty());
    }

    /**
     * A reference to an object stored only where the poster may not read gets exactly the answer a
     * reference to an id stored nowhere gets (accepted with the same warning, the id aside), for every
     * account, every collection it may write and every collection it may not read: posting a
     * relationship tells nobody whether an id exists somewhere it may not look.
     */
    @Test
    void aReferenceIntoAnUnreadableCollectionAnswersLikeOneToNothing() throws Exception {
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (String account : accounts) {
            if (account.equals(ANONYMOUS)) {
                continue;
            }
            Set<String> readableIds = new HashSet<>();
            for (CollectionConfig c : collections) {
                if (expectRead(account, c)) {
                    readableIds.addAll(storedIn.get(c.id()));
                }
            }
            // per unreadable collection one object it holds that the account can find nowhere else
            Map<String, String> hidden = new LinkedHashMap<>();
            for (CollectionConfig c : collections) {
                if (!expectRead(account, c)) {
                    storedIn.get(c.id()).stream().filter(id -> !readableIds.contains(id))
                            .filter(id -> !id.startsWith("relationship--") && !id.startsWith("sighting--")).sorted().findFirst()
                            .ifPresent(id -> hidden.put(c.alias(), id));
                }
            }
            if (hidden.isEmpty()) {
                continue;
            }
            for (CollectionConfig w : collections) {
                if (!expectWrite(account, w)) {
                    continue;
                }
                String source = newIndicatorId();
                List<String> objects = new ArrayList<>(List.of(indicator(source)));
                Map<String, String[]> pairs = new LinkedHashMap<>(); // hidden target -> {relationship to it, to nothing, nothing}
                for (String target : hidden.values()) {
                    String never = target.substring(0, target.indexOf("--") + 2) + UUID.randomUUID(); // same type
                    String[] pair = {"relationship--" + UUID.randomUUID(), "relationship--" + UUID.randomUUID(), never};
                    objects.add(relationship(pair[0], source, target));
                    objects.add(relationship(pair[1], source, never));
                    pairs.put(target, pair);
                }
                HttpResponse<String> post = send(account, "POST", "ndn/collections/" + w.id() + "/objects/",
                        "{\"objects\":[" + String.join(",", objects) + "]}");
                if (post.statusCode() != 202) {
                    problems.add(account + " / " + w.alias() + ": POST " + post.statusCode() + " " + post.body());
                    continue;
                }
                Map<String, String> verdicts = new HashMap<>();
                JsonNode status = json(post);
                for (String list : List.of("successes", "failures")) {
                    for (JsonNode d : status.path(list)) {
                        verdicts.put(d.path("id").asText(), list + ": " + d.path("message").asText(""));
                    }
                }
                for (Map.Entry<String, String[]> e : pairs.entrySet()) {
                    String toHidden = verdicts.get(e.getValue()[0]);
                    String toNothing = verdicts.get(e.getValue()[1]);
                    compared++;
                    if (toHidden == null || toNothing == null
                            || !toHidden.equals(toNothing.replace(e.getValue()[2], e.getKey()))) {
                        problems.add(account + " / " + w.alias() + " -> " + e.getKey() + ": " + toHidden
                                + " vs for an id stored nowhere: " + toNothing);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " leak(s):\n" + String.join("\n", problems));
        assertTrue(compared > 20, "too few cases compared: " + compared);
    }

    /**
     * The target arrives after the relationship, in a collection stricter than the relationship's:
     * every account reads the relationship exactly as before, and the target only where it may read
     * the stricter collection.
     */
    @Test
    void aTargetArrivingLaterInAStricterCollectionShowsNothingNew() throws Exception {
        CollectionConfig open = collections.stream().filter(c -> c.alias().equals("ferm-reports")).findFirst().orElseThrow();
        CollectionConfig strict = collections.stream().filter(c -> c.alias().equals("ferm-amber")).findFirst().orElseThrow();
        String poster = "koelhuis-botlek-analyst";
        assertTrue(expectWrite(poster, open) && !expectRead(poster, strict), "fixture: the poster may not read " + strict.alias());
        String target = newIndicatorId();
        String rel = "relationship--" + UUID.randomUUID();
        HttpResponse<String> first = send(poster, "POST", "ndn/collections/" + open.id() + "/objects/",
                "{\"objects\":[" + relationship(rel, newIndicatorId(), target) + "]}");
        assertEquals(1, json(first).path("success_count").asInt(), first.body());
        Map<String, HttpResponse<String>> before = new HashMap<>();
        for (String account : accounts) {
            before.put(account, send(account, "GET", "ndn/collections/" + open.id() + "/objects/" + rel + "/", null));
        }
        HttpResponse<String> later = send("ferm-analyst", "POST", "ndn/collections/" + strict.id() + "/objects/",
                "{\"objects\":[" + indicator(target) + "]}");
        assertEquals(1, json(later).path("success_count").asInt(), later.body());

        List<String> problems = new ArrayList<>();
        for (String account : accounts) {
            HttpResponse<String> after = send(account, "GET", "ndn/collections/" + open.id() + "/objects/" + rel + "/", null);
            if (after.statusCode() != before.get(account).statusCode() || !after.body().equals(before.get(account).body())) {
                problems.add(account + ": the relationship reads differently once its target exists: " + after.body());
            }
            HttpResponse<String> t = send(account, "GET", "ndn/collections/" + strict.id() + "/objects/" + target + "/", null);
            if ((t.statusCode() == 200) != expectRead(account, strict)) {
                problems.add(account + ": reads the later target: " + t.statusCode());
            }
            if (t.statusCode() != 200 && t.body().contains(target)) {
                problems.add(account + ": refusal names the target: " + t.body());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private void checkAccount(String account, ConcurrentLinkedQueue<String> problems,
                              ConcurrentLinkedQueue<String> refusedPosts, ConcurrentLinkedQueue<String> acceptedPosts)
            throws Exception {
        String missingCollection = UUID.randomUUID().toString();
        String collectionsPath = "ndn/collections/";

        // the collections list: exactly the visible ones, with the right flags
        Map<String, boolean[]> expected = new LinkedHashMap<>();
        for (CollectionConfig c : collections) {
            if (expect(account, Operation.READ_COLLECTION, c) == Outcome.ALLOWED) {
                expected.put(c.id(), new boolean[]{expect(account, Operation.READ_OBJECTS, c) == Outcome.ALLOWED,
                        expect(account, Operation.ADD_OBJECTS, c) == Outcome.ALLOWED});
            }
        }
        HttpResponse<String> list = send(account, "GET", collectionsPath, null);
        Map<String, boolean[]> listed = new LinkedHashMap<>();
        if (list.statusCode() == 200) {
            for (JsonNode c : json(list).path("collections")) {
                listed.put(c.path("id").asText(), new boolean[]{c.path("can_read").asBoolean(), c.path("can_write").asBoolean()});
            }
        } else if (!expected.isEmpty()) {
            problems.add(account + ": collections list " + list.statusCode());
        }
        if (!sameRights(expected, listed)) {
            problems.add(account + ": collections list " + describe(listed) + ", expected " + describe(expected));
        }

        // what "does not exist" looks like for this account, per endpoint shape
        Map<String, HttpResponse<String>> absent = new HashMap<>();
        for (String shape : List.of("", "objects/", "objects/%s/", "manifest/", "objects/%s/versions/")) {
            absent.put(shape, send(account, "GET", collectionsPath + missingCollection + "/" + shape.formatted(knownObject.get(collections.get(0).id())), null));
        }
        HttpResponse<String> absentPost = send(account, "POST", collectionsPath + missingCollection + "/objects/", envelope(newIndicatorId()));
        HttpResponse<String> absentDelete = send(account, "DELETE", collectionsPath + missingCollection + "/objects/" + knownObject.get(collections.get(0).id()) + "/", null);

        for (CollectionConfig c : collections) {
            String at = account + " / " + c.alias() + ": ";
            String object = knownObject.get(c.id());
            Set<String> secrets = Set.of(c.id(), c.alias(), object);
            for (String ref : List.of(c.id(), c.alias())) {
                String base = collectionsPath + ref + "/";
                // the collection resource
                HttpResponse<String> col = send(account, "GET", base, null);
                if (expect(account, Operation.READ_COLLECTION, c) == Outcome.ALLOWED) {
                    expectStatus(problems, at + "collection", col, 200);
                    if (col.statusCode() == 200) {
                        JsonNode n = json(col);
                        if (n.path("can_read").asBoolean() != (expect(account, Operation.READ_OBJECTS, c) == Outcome.ALLOWED)
                                || n.path("can_write").asBoolean() != (expect(account, Operation.ADD_OBJECTS, c) == Outcome.ALLOWED)) {
                            problems.add(at + "collection flags " + n);
                        }
                    }
                } else {
                    expectRefusal(problems, at + "collection", col, expect(account, Operation.READ_COLLECTION, c),
                            absent.get(""), secrets);
                }
                if (ref.equals(c.alias())) {
                    continue; // the alias resolves like the id; the endpoints below are checked once, by id
                }
                // the read endpoints
                for (String shape : List.of("objects/", "objects/%s/", "manifest/", "objects/%s/versions/")) {
                    Operation op = shape.startsWith("manifest") ? Operation.READ_MANIFEST
                            : shape.endsWith("versions/") ? Operation.READ_VERSIONS : Operation.READ_OBJECTS;
                    HttpResponse<String> resp = send(account, "GET", base + shape.formatted(object), null);
                    Outcome outcome = expect(account, op, c);
                    if (outcome == Outcome.ALLOWED) {
                        if (resp.statusCode() != 200 && resp.statusCode() != 404) {
                            problems.add(at + shape + " " + resp.statusCode());
                        }
                    } else {
                        expectRefusal(problems, at + shape, resp, outcome, absent.get(shape), secrets);
                    }
                }
            }
            String base = collectionsPath + c.id() + "/";
            // DELETE: whoever may would really delete, so they get an id that is not there
            Outcome delete = expect(account, Operation.DELETE_OBJECTS, c);
            HttpResponse<String> del = send(account, "DELETE", base + "objects/"
                    + (delete == Outcome.ALLOWED ? "indicator--" + UUID.randomUUID() : object) + "/", null);
            if (delete == Outcome.ALLOWED) {
                expectStatus(problems, at + "DELETE", del, 404);
            } else {
                expectRefusal(problems, at + "DELETE", del, delete, absentDelete, secrets);
            }
            // POST
            String id = newIndicatorId();
            HttpResponse<String> post = send(account, "POST", base + "objects/", envelope(id));
            Outcome add = expect(account, Operation.ADD_OBJECTS, c);
            if (add == Outcome.ALLOWED) {
                expectStatus(problems, at + "POST", post, 202);
                acceptedPosts.add(id);
            } else {
                refusedPosts.add(id);
                expectRefusal(problems, at + "POST", post, add, absentPost, secrets);
            }
        }

        // someone else's status resource looks like one that does not exist
        Outcome status = oracle.decideStatus(account, "admin");
        if (status != Outcome.ALLOWED) {
            HttpResponse<String> other = send(account, "GET", "ndn/status/" + adminStatus + "/", null);
            HttpResponse<String> none = send(account, "GET", "ndn/status/" + UUID.randomUUID() + "/", null);
            expectRefusal(problems, account + ": status of admin's POST", other, status, none, Set.of(adminStatus));
        }
    }

    // --- assertions -------------------------------------------------------------------------------------

    static void expectStatus(ConcurrentLinkedQueue<String> problems, String what, HttpResponse<String> resp, int status) {
        if (resp.statusCode() != status) {
            problems.add(what + ": " + resp.statusCode() + " instead of " + status + " " + resp.body());
        }
        if (status != 200) {
            noDateHeaders(problems, what, resp);
        }
    }

    /**
     * A refusal as the oracle's mapping says: 403 naming nothing, or (hidden, or no credentials) exactly
     * the answer about something that does not exist, which is itself 404, or 401 with a challenge.
     */
    static void expectRefusal(ConcurrentLinkedQueue<String> problems, String what, HttpResponse<String> resp,
                              Outcome outcome, HttpResponse<String> absent, Set<String> secrets) {
        switch (outcome) {
            case FORBIDDEN -> {
                expectStatus(problems, what, resp, 403);
                noSecrets(problems, what, resp, secrets);
            }
            case HIDDEN, UNAUTHENTICATED -> {
                expectSame(problems, what, resp, absent, secrets);
                int status = outcome == Outcome.HIDDEN ? 404 : 401;
                if (absent.statusCode() != status
                        || status == 401 && absent.headers().firstValue("www-authenticate").isEmpty()) {
                    problems.add(what + ": a missing target answers " + absent.statusCode() + ", expected " + status);
                }
            }
            default -> throw new IllegalArgumentException(outcome.toString());
        }
    }

    /** The response to an invisible collection must equal the one to a missing collection: status, type, body. */
    static void expectSame(ConcurrentLinkedQueue<String> problems, String what, HttpResponse<String> resp,
                           HttpResponse<String> absent, Set<String> secrets) {
        if (resp.statusCode() == 200 || resp.statusCode() == 202 || resp.statusCode() != absent.statusCode()
                || !resp.body().equals(absent.body())
                || !resp.headers().firstValue("content-type").equals(absent.headers().firstValue("content-type"))
                || !resp.headers().firstValue("www-authenticate").equals(absent.headers().firstValue("www-authenticate"))) {
            problems.add(what + ": differs from a missing collection: " + resp.statusCode() + " " + resp.body()
                    + " vs " + absent.statusCode() + " " + absent.body());
        }
        noDateHeaders(problems, what, resp);
        noSecrets(problems, what, resp, secrets);
    }

    static void noSecrets(ConcurrentLinkedQueue<String> problems, String what, HttpResponse<String> resp, Set<String> secrets) {
        for (String s : secrets) {
            if (s != null && resp.body().contains(s)) {
                problems.add(what + ": error body names " + s);
            }
        }
    }

    static void noDateHeaders(ConcurrentLinkedQueue<String> problems, String what, HttpResponse<String> resp) {
        resp.headers().map().keySet().stream().filter(h -> h.toLowerCase().startsWith("x-taxii-date-added"))
                .forEach(h -> problems.add(what + ": header " + h + " on a refused request"));
    }

    static boolean sameRights(Map<String, boolean[]> a, Map<String, boolean[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    static String describe(Map<String, boolean[]> rights) {
        StringBuilder sb = new StringBuilder("{");
        rights.forEach((id, rw) -> sb.append(collections.stream().filter(c -> c.id().equals(id)).findFirst()
                .map(CollectionConfig::alias).orElse(id)).append(rw[0] ? ":r" : "").append(rw[1] ? ":w" : "").append(' '));
        return sb.append('}').toString();
    }

    // --- HTTP -----------------------------------------------------------------------------------------

    static HttpResponse<String> send(String account, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sample.server().baseUri() + path)).header("Accept", TAXII);
        if (!account.equals(ANONYMOUS)) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((account + ":camiso-demo").getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            b.header("Content-Type", TAXII);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> resp) {
        try {
            return StixJson.parse(resp.body().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + resp.body(), e);
        }
    }

    static List<String> objectIds(String collectionId) throws Exception {
        HttpResponse<String> resp = send("admin", "GET", "ndn/collections/" + collectionId + "/objects/?limit=1000", null);
        assertEquals(200, resp.statusCode(), resp.body());
        List<String> ids = new ArrayList<>();
        json(resp).path("objects").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    static String newIndicatorId() {
        return "indicator--" + UUID.randomUUID();
    }

    static String now() {
        String now = Instant.now().toString().replaceAll("(\\.\\d{3})\\d*Z$", "$1Z");
        return now.contains(".") ? now : now.replace("Z", ".000Z");
    }

    /** One valid, unmarked indicator (it takes the collection's TLP level). */
    static String indicator(String id) {
        String now = now();
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + now
                + "\",\"modified\":\"" + now + "\",\"name\":\"zero-leaks probe\",\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"" + now + "\"}";
    }

    /** One valid, unmarked relationship. */
    static String relationship(String id, String source, String target) {
        String now = now();
        return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + now
                + "\",\"modified\":\"" + now + "\",\"relationship_type\":\"related-to\",\"source_ref\":\"" + source
                + "\",\"target_ref\":\"" + target + "\"}";
    }

    /** One valid, unmarked indicator (it takes the collection's TLP level). */
    static String envelope(String id) {
        String now = Instant.now().toString().replaceAll("(\\.\\d{3})\\d*Z$", "$1Z");
        if (!now.contains(".")) {
            now = now.replace("Z", ".000Z");
        }
        return "{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + now
                + "\",\"modified\":\"" + now + "\",\"name\":\"zero-leaks probe\",\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"" + now + "\"}]}";
    }
}
