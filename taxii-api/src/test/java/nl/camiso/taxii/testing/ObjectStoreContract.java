package nl.camiso.taxii.testing;

import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Referrer;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;
import nl.camiso.taxii.spi.VersionMatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link ObjectStore} contract: what every store does, whatever keeps the data. Subclasses
 * give the store: {@link MemoryStore} here, the databases in the server (which add what only a
 * database can show). One store per class; every test writes to collections of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ObjectStoreContract {

    public static final String ROOT = "ndn";
    public static final VersionMatch FIRST = new VersionMatch(false, true, false, Set.of());

    protected ObjectStore store;

    /** The store under test, opened once for the class. */
    protected abstract ObjectStore openStore();

    /** Releases what {@link #openStore} opened. */
    protected void closeStore() {
    }

    @BeforeAll
    void open() {
        store = openStore();
    }

    @AfterAll
    void close() {
        closeStore();
    }

    // ---------------------------------------------------------------------------------- helpers

    public static String newCollection() {
        return UUID.randomUUID().toString();
    }

    public static IncomingObject incoming(String json) {
        try {
            return new IncomingObject(StixObject.of(StixJson.parse(json)), json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static IncomingObject indicator(String id, String modified) {
        return incoming("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\","
                + "\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\",\"pattern_type\":\"stix\",\"valid_from\":\"2020-01-01T00:00:00Z\"}");
    }

    public static IncomingObject malware(String id, String modified) {
        return incoming("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\",\"name\":\"x\",\"is_family\":false}");
    }

    /** The clock the stores take date_added from. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static String newId(String type) {
        return type + "--" + UUID.randomUUID();
    }

    protected StatusRecord add(String collection, IncomingObject... objects) {
        return add(collection, List.of(objects));
    }

    protected StatusRecord add(String collection, List<IncomingObject> objects) {
        return store.add(ROOT, collection, "alice", nowMicros(), objects.size(), objects, List.of());
    }

    public static ObjectQuery query(VersionMatch versions) {
        return new ObjectQuery(null, null, null, 10_000, List.of(), List.of(), versions, List.of(), true);
    }

    protected List<StoredVersion> all(String collection) {
        return store.find(collection, query(VersionMatch.ALL)).items();
    }

    public static List<String> versionsOf(List<StoredVersion> items) {
        return items.stream().map(v -> v.objectId() + "@" + v.version()).toList();
    }

    // ---------------------------------------------------------------------------------- held versions

    @Test
    void heldVersionsGivesEveryVersionOfTheAskedIdsWithItsJson() {
        String c = newCollection();
        String a = newId("indicator");
        String b = newId("malware");
        String other = newId("indicator");
        add(c, indicator(a, "2020-01-01T00:00:00.000Z"), indicator(a, "2020-02-01T00:00:00.000Z"),
                malware(b, "2020-01-01T00:00:00.000Z"), indicator(other, "2020-01-01T00:00:00.000Z"));
        List<String> asked = new ArrayList<>(List.of(a, b, newId("indicator")));
        for (int i = 0; i < 600; i++) {
            asked.add(newId("tool")); // more than one batch of ids
        }
        Map<String, List<StoredVersion>> held = store.heldVersions(c, asked);
        assertEquals(Set.of(a, b), held.keySet());
        assertEquals(List.of(a + "@2020-01-01T00:00:00.000Z", a + "@2020-02-01T00:00:00.000Z"), versionsOf(held.get(a)));
        assertTrue(new String(held.get(b).get(0).json(), StandardCharsets.UTF_8).contains(b));
        assertEquals(Map.of(), store.heldVersions(newCollection(), List.of(a)));
    }

    // ---------------------------------------------------------------------------------- add

    @Test
    void storesTheExactBytesAndIndexedColumns() {
        String c = newCollection();
        String id = newId("indicator");
        // odd spacing, property order and an exact decimal must come back untouched
        String json = "{ \"type\": \"indicator\",\"id\":\"" + id + "\", \"spec_version\":\"2.1\",\"created\":\"2020-01-01T00:00:00.000Z\","
                + "\"modified\":\"2021-05-06T07:08:09.1Z\",\"pattern\":\"[x:y = 'é']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2020-01-01T00:00:00Z\",\"confidence\":7.0,\"x_custom\":{\"b\":1,\"a\":2}}";
        StatusRecord s = add(c, incoming(json));
        assertEquals(1, s.successCount());
        assertEquals("2021-05-06T07:08:09.1Z", s.successes().get(0).version());
        List<StoredVersion> items = all(c);
        assertEquals(1, items.size());
        StoredVersion v = items.get(0);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), v.json());
        assertEquals(id, v.objectId());
        assertEquals("indicator", v.type());
        assertEquals("2021-05-06T07:08:09.1Z", v.version());
        assertEquals("2.1", v.specVersion());
        assertEquals("application/stix+json;version=2.1", v.mediaType());
        assertTrue(store.contains(c, id));
        assertFalse(store.contains(c, newId("indicator")));
        assertFalse(store.contains(newCollection(), id));
        assertTrue(store.find(newCollection(), query(VersionMatch.ALL)).items().isEmpty());
    }

    @Test
    void duplicatesAreStoredOnceAndCountAsSuccess() {
        String c = newCollection();
        String id = newId("indicator");
        StatusRecord first = add(c, indicator(id, "2021-01-01T00:00:00.100Z"), indicator(id, "2021-01-01T00:00:00.100Z"));
        assertEquals(2, first.successCount());
        assertNull(first.successes().get(0).message());
        assertEquals(ObjectStore.ALREADY_PRESENT, first.successes().get(1).message());
        // the same instant written differently is the same version
        StatusRecord second = add(c, indicator(id, "2021-01-01T00:00:00.1Z"), indicator(id, "2021-01-02T00:00:00Z"));
        assertEquals(ObjectStore.ALREADY_PRESENT, second.successes().get(0).message());
        assertEquals("2021-01-01T00:00:00.100Z", second.successes().get(0).version());
        assertNull(second.successes().get(1).message());
        assertEquals(List.of(id + "@2021-01-01T00:00:00.100Z", id + "@2021-01-02T00:00:00Z"), versionsOf(all(c)));
    }

    @Test
    void unversionedObjectsGetTheirFirstDateAddedAsVersion() {
        String c = newCollection();
        String id = "ipv4-addr--" + UUID.randomUUID();
        String json = "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"value\":\"10.1.2.3\"}";
        StatusRecord s = add(c, incoming(json));
        List<StoredVersion> items = all(c);
        assertEquals(1, items.size());
        StoredVersion v = items.get(0);
        assertTrue(v.version().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), v.version());
        assertEquals(v.dateAddedMicros(), StixTimestamp.parse(v.version()).epochMicros());
        assertEquals(v.version(), s.successes().get(0).version());
        StatusRecord again = add(c, incoming(json));
        assertEquals(ObjectStore.ALREADY_PRESENT, again.successes().get(0).message());
        assertEquals(v.version(), again.successes().get(0).version());
        assertEquals(1, all(c).size());
        // an exact version match works on the assigned value
        ObjectQuery q = new ObjectQuery(id, null, null, 10, List.of(), List.of(),
                new VersionMatch(false, false, false, Set.of(v.version())), List.of(), false);
        assertEquals(1, store.find(c, q).items().size());
    }

    @Test
    void dateAddedIsUniqueAndStrictlyIncreasing() {
        String c = newCollection();
        List<IncomingObject> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(indicator(newId("indicator"), "2021-01-01T00:00:00Z"));
        }
        add(c, batch.subList(0, 150));
        long before = nowMicros();
        add(c, batch.subList(150, 300));
        List<StoredVersion> items = all(c);
        assertEquals(300, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i).dateAddedMicros() > items.get(i - 1).dateAddedMicros());
        }
        // stored in envelope order, and never before the POST
        assertEquals(batch.stream().map(o -> o.object().id()).toList(), items.stream().map(StoredVersion::objectId).toList());
        assertTrue(items.get(150).dateAddedMicros() >= before);
    }

    @Test
    void concurrentWritersLoseNothingAndNeverShareADateAdded() throws Exception {
        String c = newCollection();
        int threads = 4;
        int envelopes = 10;
        int perEnvelope = 50;
        // every thread also posts the same shared objects: each must be stored exactly once
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shared.add(newId("malware"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int e = 0; e < envelopes; e++) {
                        List<IncomingObject> batch = new ArrayList<>();
                        for (int i = 0; i < perEnvelope; i++) {
                            batch.add(indicator(newId("indicator"), "2021-01-01T00:00:00Z"));
                        }
                        batch.add(malware(shared.get(e), "2021-03-01T00:00:00Z"));
                        batch.add(malware(shared.get(e), "2021-0" + (1 + e % 9) + "-02T00:00:00Z"));
                        add(c, batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<StoredVersion> items = all(c);
        long distinctVersions = items.stream().map(v -> v.objectId() + "@" + v.version()).distinct().count();
        assertEquals(items.size(), distinctVersions);
        assertEquals(threads * envelopes * perEnvelope + 2 * envelopes, items.size(), "indicators + two versions of each shared object");
        Set<Long> dates = items.stream().map(StoredVersion::dateAddedMicros).collect(Collectors.toSet());
        assertEquals(items.size(), dates.size());
        // exactly one last version per object
        List<StoredVersion> last = store.find(c, query(VersionMatch.LAST)).items();
        assertEquals(threads * envelopes * perEnvelope + 10, last.size());
    }

    // ---------------------------------------------------------------------------------- status

    @Test
    void statusIsPersistedWithAllDetails() {
        String c = newCollection();
        String a = newId("indicator");
        List<StatusDetail> refused = List.of(new StatusDetail(newId("indicator"), "2021-01-01T00:00:00Z", "pattern is invalid"));
        StatusRecord s = store.add(ROOT, c, "alice", 1_700_000_000_123_456L, 3,
                List.of(indicator(a, "2021-01-01T00:00:00Z"), indicator(a, "2021-01-01T00:00:00Z")), refused);
        assertEquals("complete", s.status());
        assertEquals(2, s.successCount());
        assertEquals(1, s.failureCount());
        assertEquals(0, s.pendingCount());
        StatusRecord read = store.status(ROOT, s.id()).orElseThrow();
        assertEquals(s, read);
        assertEquals("alice", read.owner());
        assertEquals(1_700_000_000_123_456L, read.requestTimestampMicros());
        assertEquals(3, read.totalCount());
        assertEquals(refused, read.failures());
        assertTrue(store.status("other-root", s.id()).isEmpty());
        assertTrue(store.status(ROOT, UUID.randomUUID().toString()).isEmpty());
        UUID.fromString(s.id());
    }

    @Test
    void statusOfAnEnvelopeWithoutValidObjects() {
        String c = newCollection();
        List<StatusDetail> refused = List.of(new StatusDetail("bad", null, "not a STIX object"));
        StatusRecord s = store.add(ROOT, c, null, 5L, 1, List.of(), refused);
        assertEquals(s, store.status(ROOT, s.id()).orElseThrow());
        assertTrue(all(c).isEmpty());
    }

    // ---------------------------------------------------------------------------------- find

    /** Three objects: A (3 versions), B (indicator, 1), M (malware, 2), added in a known order. */
    record Fixture(String c, String a, String b, String m) {
    }

    Fixture fixture() {
        String c = newCollection();
        String a = newId("indicator");
        String b = newId("indicator");
        String m = newId("malware");
        add(c, indicator(a, "2021-01-02T00:00:00.000Z"), indicator(b, "2021-01-01T00:00:00Z"), malware(m, "2021-02-01T00:00:00Z"));
        // an older version of A arrives later: first/last follow modified, not arrival
        add(c, indicator(a, "2021-01-01T00:00:00.000Z"), malware(m, "2021-02-02T00:00:00Z"));
        add(c, indicator(a, "2021-01-03T00:00:00.000Z"));
        return new Fixture(c, a, b, m);
    }

    ObjectQuery q(String objectId, List<String> ids, List<String> types, VersionMatch v, List<String> spec) {
        return new ObjectQuery(objectId, null, null, 100, ids, types, v, spec, false);
    }

    public static VersionMatch exact(String... versions) {
        return new VersionMatch(false, false, false, Set.of(versions));
    }

    @Test
    void versionFilters() {
        Fixture f = fixture();
        String a = f.a(), b = f.b(), m = f.m();
        assertEquals(List.of(b + "@2021-01-01T00:00:00Z", m + "@2021-02-02T00:00:00Z", a + "@2021-01-03T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(null, List.of(), List.of(), VersionMatch.LAST, List.of())).items()));
        assertEquals(List.of(b + "@2021-01-01T00:00:00Z", m + "@2021-02-01T00:00:00Z", a + "@2021-01-01T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(null, List.of(), List.of(), FIRST, List.of())).items()));
        assertEquals(6, store.find(f.c(), q(null, List.of(), List.of(), VersionMatch.ALL, List.of())).items().size());
        // exact values match by instant, whatever the spelling; ORed with first/last
        assertEquals(List.of(a + "@2021-01-02T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(null, List.of(), List.of(), exact("2021-01-02T00:00:00Z"), List.of())).items()));
        VersionMatch firstAndExact = new VersionMatch(false, true, false, Set.of("2021-01-02T00:00:00.000000Z"));
        assertEquals(List.of(a + "@2021-01-02T00:00:00.000Z", b + "@2021-01-01T00:00:00Z", m + "@2021-02-01T00:00:00Z",
                        a + "@2021-01-01T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(null, List.of(), List.of(), firstAndExact, List.of())).items()));
        VersionMatch firstLast = new VersionMatch(false, true, true, Set.of());
        assertEquals(5, store.find(f.c(), q(null, List.of(), List.of(), firstLast, List.of())).items().size());
        assertTrue(store.find(f.c(), q(null, List.of(), List.of(), exact("1999-01-01T00:00:00Z", "not-a-time"), List.of()))
                .items().isEmpty());
    }

    @Test
    void idTypeAndObjectFiltersCombine() {
        Fixture f = fixture();
        String a = f.a(), b = f.b(), m = f.m();
        assertEquals(List.of(b + "@2021-01-01T00:00:00Z", a + "@2021-01-03T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(null, List.of(), List.of("indicator"), VersionMatch.LAST, List.of())).items()));
        assertEquals(List.of(b + "@2021-01-01T00:00:00Z", m + "@2021-02-02T00:00:00Z", a + "@2021-01-03T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(null, List.of(), List.of("indicator", "malware"), VersionMatch.LAST, List.of())).items()));
        assertEquals(List.of(m + "@2021-02-01T00:00:00Z", m + "@2021-02-02T00:00:00Z"),
                versionsOf(store.find(f.c(), q(null, List.of(m), List.of(), VersionMatch.ALL, List.of())).items()));
        assertEquals(List.of(b + "@2021-01-01T00:00:00Z", m + "@2021-02-02T00:00:00Z"),
                versionsOf(store.find(f.c(), q(null, List.of(m, b), List.of(), VersionMatch.LAST, List.of())).items()));
        // ids AND types
        assertEquals(List.of(b + "@2021-01-01T00:00:00Z"),
                versionsOf(store.find(f.c(), q(null, List.of(m, b), List.of("indicator"), VersionMatch.LAST, List.of())).items()));
        assertTrue(store.find(f.c(), q(null, List.of(m), List.of("indicator"), VersionMatch.ALL, List.of())).items().isEmpty());
        // one object (Get an Object / versions), with version filters
        assertEquals(List.of(a + "@2021-01-02T00:00:00.000Z", a + "@2021-01-01T00:00:00.000Z", a + "@2021-01-03T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(a, List.of(), List.of(), VersionMatch.ALL, List.of())).items()));
        assertEquals(List.of(a + "@2021-01-01T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(a, List.of(), List.of(), FIRST, List.of())).items()));
        // spec_version
        assertEquals(3, store.find(f.c(), q(null, List.of(), List.of(), VersionMatch.LAST, List.of("2.1"))).items().size());
        assertTrue(store.find(f.c(), q(null, List.of(), List.of(), VersionMatch.LAST, List.of("2.0"))).items().isEmpty());
        // JSON only when asked for
        assertNull(store.find(f.c(), q(a, List.of(), List.of(), VersionMatch.LAST, List.of())).items().get(0).json());
    }

    @Test
    void defaultSpecVersionIsTheLatestPerObject() {
        String c = newCollection();
        String x = newId("malware");
        String y = newId("malware");
        // STIX 2.0 objects have no spec_version property
        String x20 = "{\"type\":\"malware\",\"id\":\"" + x + "\",\"created\":\"2016-01-01T00:00:00.000Z\","
                + "\"modified\":\"2016-01-01T00:00:00.000Z\",\"name\":\"x\",\"labels\":[\"worm\"]}";
        String y20 = x20.replace(x, y);
        add(c, incoming(x20), incoming(y20), malware(x, "2021-01-01T00:00:00Z"));
        List<StoredVersion> latest = store.find(c, q(null, List.of(), List.of(), VersionMatch.ALL, List.of())).items();
        assertEquals(List.of(y + "@2016-01-01T00:00:00.000Z", x + "@2021-01-01T00:00:00Z"), versionsOf(latest));
        assertEquals("2.0", latest.get(0).specVersion());
        assertEquals("application/stix+json;version=2.0", latest.get(0).mediaType());
        assertEquals(List.of(x + "@2016-01-01T00:00:00.000Z", y + "@2016-01-01T00:00:00.000Z"),
                versionsOf(store.find(c, q(null, List.of(), List.of(), VersionMatch.ALL, List.of("2.0"))).items()));
        assertEquals(3, store.find(c, q(null, List.of(), List.of(), VersionMatch.ALL, List.of("2.0", "2.1"))).items().size());
    }

    @Test
    void keysetPagingNeitherSkipsNorRepeats() {
        String c = newCollection();
        List<String> expected = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            List<IncomingObject> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = newId(i % 2 == 0 ? "indicator" : "malware");
                batch.add(i % 2 == 0 ? indicator(id, "2021-01-01T00:00:00Z") : malware(id, "2021-01-01T00:00:00Z"));
                expected.add(id);
            }
            add(c, batch);
        }
        List<String> seen = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        while (true) {
            Page<StoredVersion> page = store.find(c,
                    new ObjectQuery(null, null, cursor, 40, List.of(), List.of(), VersionMatch.LAST, List.of(), true));
            pages++;
            page.items().forEach(v -> seen.add(v.objectId()));
            assertTrue(page.items().size() <= 40);
            if (!page.more()) {
                break;
            }
            assertEquals(40, page.items().size());
            cursor = page.items().get(page.items().size() - 1).dateAddedMicros();
        }
        assertEquals(expected, seen);
        assertEquals(7, pages);
        // a page that ends exactly at the last row says no more
        Page<StoredVersion> exact = store.find(c, new ObjectQuery(null, null, null, 250, List.of(), List.of(), VersionMatch.LAST, List.of(), false));
        assertEquals(250, exact.items().size());
        assertFalse(exact.more());
        // added_after is strict and combines with the cursor (the later bound wins)
        List<StoredVersion> allRows = all(c);
        long t100 = allRows.get(99).dateAddedMicros();
        long t200 = allRows.get(199).dateAddedMicros();
        List<StoredVersion> afterAdded = store.find(c, new ObjectQuery(null, t100, null, 1000, List.of(), List.of(),
                VersionMatch.LAST, List.of(), false)).items();
        assertEquals(expected.subList(100, 250), afterAdded.stream().map(StoredVersion::objectId).toList());
        assertEquals(50, store.find(c, new ObjectQuery(null, t100, t200, 1000, List.of(), List.of(),
                VersionMatch.LAST, List.of(), false)).items().size());
        assertEquals(50, store.find(c, new ObjectQuery(null, t200, t100, 1000, List.of(), List.of(),
                VersionMatch.LAST, List.of(), false)).items().size());
        // paging by type
        List<String> indicators = new ArrayList<>();
        cursor = null;
        do {
            Page<StoredVersion> page = store.find(c, new ObjectQuery(null, null, cursor, 30, List.of(), List.of("indicator"),
                    VersionMatch.LAST, List.of(), false));
            page.items().forEach(v -> indicators.add(v.objectId()));
            if (!page.more()) {
                break;
            }
            cursor = page.items().get(page.items().size() - 1).dateAddedMicros();
        } while (true);
        assertEquals(expected.stream().filter(id -> id.startsWith("indicator--")).toList(), indicators);
    }

    // ---------------------------------------------------------------------------------- delete

    List<Referrer> referrersOf(String collection, String target) {
        return store.referrers(List.of(collection), target, Set.of());
    }

    public static IncomingObject relationship(String id, String modified, String source, String target) {
        return incoming("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\","
                + "\"relationship_type\":\"indicates\",\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\"}");
    }

    public static IncomingObject note(String id, String modified, String... objectRefs) {
        return incoming("{\"type\":\"note\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\",\"content\":\"seen\","
                + "\"object_refs\":[\"" + String.join("\",\"", objectRefs) + "\"]}");
    }

    @Test
    void holdersAreTheGivenCollectionsWithAVersion() {
        String a = newCollection();
        String b = newCollection();
        String notAsked = newCollection();
        String id = newId("indicator");
        add(a, indicator(id, "2021-01-01T00:00:00.000Z"));
        add(b, indicator(id, "2021-01-02T00:00:00.000Z"), indicator(id, "2021-01-03T00:00:00.000Z"));
        add(notAsked, indicator(id, "2021-01-01T00:00:00.000Z"));
        assertEquals(Set.of(a, b), Set.copyOf(store.holders(List.of(a, b, newCollection()), id)));
        assertEquals(List.of(b), store.holders(List.of(b), id));
        assertEquals(List.of(), store.holders(List.of(a, b), newId("indicator")));
        assertEquals(List.of(), store.holders(List.of(), id));
        store.delete(a, id, VersionMatch.ALL, List.of());
        assertEquals(List.of(b), store.holders(List.of(a, b), id));
    }

    @Test
    void referrersThroughTheIndexedPropertiesOfTheGivenCollections() {
        String a = newCollection();
        String b = newCollection();
        String notAsked = newCollection();
        String ind = newId("indicator");
        String coa = newId("course-of-action");
        String author = newId("identity");
        String rel = newId("relationship");
        String note = newId("note");
        add(a, indicator(ind, "2021-01-01T00:00:00.000Z"), relationship(rel, "2021-01-01T00:00:00.000Z", coa, ind));
        add(b, note(note, "2021-01-01T00:00:00.000Z", newId("malware"), ind));
        add(notAsked, relationship(newId("relationship"), "2021-01-01T00:00:00.000Z", coa, ind));
        // created_by_ref is not an indexed property
        add(b, incoming("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + newId("relationship") + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-01T00:00:00.000Z\","
                + "\"relationship_type\":\"indicates\",\"source_ref\":\"" + newId("indicator") + "\",\"target_ref\":\"" + newId("malware")
                + "\",\"created_by_ref\":\"" + author + "\"}"));
        List<String> both = List.of(a, b);
        assertEquals(Set.of(new Referrer(a, rel, "relationship"), new Referrer(b, note, "note")),
                Set.copyOf(store.referrers(both, ind, Set.of("relationship", "note"))));
        assertEquals(List.of(new Referrer(b, note, "note")), store.referrers(both, ind, Set.of("note")));
        assertEquals(List.of(new Referrer(a, rel, "relationship")), store.referrers(both, coa, Set.of()));
        assertEquals(List.of(), store.referrers(List.of(b), coa, Set.of()));
        assertEquals(List.of(), store.referrers(both, author, Set.of()));
        assertEquals(List.of(), store.referrers(both, newId("indicator"), Set.of()));
        assertEquals(List.of(), store.referrers(List.of(), ind, Set.of()));
        // each referrer once, however many of its versions refer
        add(a, relationship(rel, "2021-01-02T00:00:00.000Z", coa, ind));
        assertEquals(List.of(new Referrer(a, rel, "relationship")), store.referrers(List.of(a), ind, Set.of()));
    }

    @Test
    void referrersOfEachTargetAreTheReferrersOfEachAskedAlone() {
        String a = newCollection();
        String b = newCollection();
        String notAsked = newCollection();
        // more targets than one query takes, some with referrers in both collections, some with none
        List<String> targets = new java.util.ArrayList<>();
        List<IncomingObject> inA = new java.util.ArrayList<>();
        List<IncomingObject> inB = new java.util.ArrayList<>();
        for (int n = 0; n < 1_100; n++) {
            String ind = newId("indicator");
            targets.add(ind);
            if (n % 3 != 2) {
                inA.add(relationship(newId("relationship"), "2021-01-01T00:00:00.000Z", newId("course-of-action"), ind));
            }
            if (n % 5 == 0) {
                inB.add(note(newId("note"), "2021-01-01T00:00:00.000Z", ind));
                add(notAsked, relationship(newId("relationship"), "2021-01-01T00:00:00.000Z", newId("course-of-action"), ind));
            }
        }
        add(a, inA.toArray(IncomingObject[]::new));
        add(b, inB.toArray(IncomingObject[]::new));
        targets.add(newId("indicator")); // stored nowhere
        for (Set<String> types : List.of(Set.<String>of(), Set.of("relationship"), Set.of("note", "relationship"))) {
            java.util.Map<String, List<Referrer>> each = store.referrersOfEach(List.of(a, b), targets, types);
            int withReferrers = 0;
            for (String t : targets) {
                List<Referrer> alone = store.referrers(List.of(a, b), t, types);
                assertEquals(alone, each.getOrDefault(t, List.of()), t + " " + types);
                withReferrers += alone.isEmpty() ? 0 : 1;
            }
            assertEquals(withReferrers, each.size(), "only targets with referrers: " + types);
            assertTrue(withReferrers > 500, "targets with referrers: " + withReferrers);
        }
        assertEquals(java.util.Map.of(), store.referrersOfEach(List.of(), targets, Set.of()));
    }

    @Test
    void referenceRowsFollowEveryVersionAndGoWithTheLastOne() {
        String col = newCollection();
        String rel = newId("relationship");
        String ind = newId("indicator");
        String m1 = newId("malware");
        String m2 = newId("malware");
        add(col, relationship(rel, "2021-01-01T00:00:00.000Z", ind, m1));
        add(col, relationship(rel, "2021-01-02T00:00:00.000Z", ind, m2)); // a new version of a stored object
        assertEquals(1, referrersOf(col, ind).size(), "one row per referrer and target");
        assertEquals(1, referrersOf(col, m1).size());
        assertEquals(1, referrersOf(col, m2).size());
        assertEquals(1, store.delete(col, rel, VersionMatch.LAST, List.of()));
        assertEquals(1, referrersOf(col, m1).size(), "the remaining version's rows stay");
        assertTrue(referrersOf(col, m2).isEmpty(), "no remaining version refers to m2");
        assertEquals(1, store.delete(col, rel, VersionMatch.ALL, List.of()));
        assertTrue(referrersOf(col, ind).isEmpty());
        assertTrue(referrersOf(col, m1).isEmpty());
        assertTrue(referrersOf(col, m2).isEmpty(), "rows of every deleted version are gone");
        add(col, relationship(rel, "2021-01-01T00:00:00.000Z", ind, m1)); // posted again
        assertEquals(1, referrersOf(col, m1).size());
    }

    @Test
    void deleteRemovesVersionsAndRepairsFlags() {
        Fixture f = fixture();
        String a = f.a();
        // delete the last version of A: the middle one becomes last
        assertEquals(1, store.delete(f.c(), a, VersionMatch.LAST, List.of()));
        assertEquals(List.of(a + "@2021-01-02T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(a, List.of(), List.of(), VersionMatch.LAST, List.of())).items()));
        // delete the first: the middle one is now first and last
        assertEquals(1, store.delete(f.c(), a, FIRST, List.of()));
        assertEquals(List.of(a + "@2021-01-02T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(a, List.of(), List.of(), FIRST, List.of())).items()));
        assertEquals(List.of(a + "@2021-01-02T00:00:00.000Z"),
                versionsOf(store.find(f.c(), q(a, List.of(), List.of(), VersionMatch.LAST, List.of())).items()));
        // exact versions that do not exist delete nothing; other spec versions neither
        assertEquals(0, store.delete(f.c(), a, exact("2021-01-01T00:00:00Z"), List.of()));
        assertEquals(0, store.delete(f.c(), a, VersionMatch.ALL, List.of("2.0")));
        assertEquals(1, store.delete(f.c(), a, exact("2021-01-02T00:00:00Z"), List.of()));
        assertFalse(store.contains(f.c(), a));
        assertEquals(0, store.delete(f.c(), a, VersionMatch.ALL, List.of()));
        assertEquals(0, store.delete(newCollection(), a, VersionMatch.ALL, List.of()));
        // M: delete all
        assertEquals(2, store.delete(f.c(), f.m(), VersionMatch.ALL, List.of()));
        assertEquals(List.of(f.b() + "@2021-01-01T00:00:00Z"), versionsOf(all(f.c())));
        // a deleted version may be posted again, and becomes last
        add(f.c(), indicator(a, "2021-01-03T00:00:00.000Z"));
        assertEquals(2, store.find(f.c(), query(VersionMatch.LAST)).items().size());
    }

    // ---------------------------------------------------------------------------------- real data

    /** ATT&CK ICS 15.1 → 18.1 loaded in order into one collection: flags must match the versions in the files. */
    @Test
    void attackIcsVersionsFirstAndLast() throws IOException {
        String corpus = System.getProperty("camiso.corpus.dir");
        Assumptions.assumeTrue(corpus != null, "camiso.corpus.dir not set");
        Path dir = Path.of(corpus, "mitre-attack");
        List<Path> files = List.of(dir.resolve("ics-attack-15.1.json"), dir.resolve("ics-attack-16.1.json"),
                dir.resolve("ics-attack-17.1.json"), dir.resolve("ics-attack-18.1.json"));
        Assumptions.assumeTrue(files.stream().allMatch(Files::isRegularFile), "ATT&CK ICS corpus absent");

        String c = newCollection();
        Map<String, TreeMap<Long, String>> expected = new HashMap<>();
        for (Path file : files) {
            JsonNode bundle = StixJson.parse(Files.readAllBytes(file));
            List<IncomingObject> batch = new ArrayList<>();
            for (JsonNode node : bundle.get("objects")) {
                StixObject o = StixObject.of(node);
                batch.add(new IncomingObject(o, StixJson.writeBytes(node)));
                StixTimestamp t = StixTimestamp.parse(o.versionText());
                expected.computeIfAbsent(o.id(), k -> new TreeMap<>()).putIfAbsent(t.epochMicros(), o.versionText());
                if (batch.size() == 500) {
                    add(c, batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                add(c, batch);
            }
        }
        int versions = expected.values().stream().mapToInt(Map::size).sum();
        assertEquals(versions, pageAll(c, VersionMatch.ALL).size());
        Map<String, String> last = pageAll(c, VersionMatch.LAST).stream()
                .collect(Collectors.toMap(StoredVersion::objectId, StoredVersion::version));
        Map<String, String> first = pageAll(c, FIRST).stream()
                .collect(Collectors.toMap(StoredVersion::objectId, StoredVersion::version));
        assertEquals(expected.size(), last.size());
        expected.forEach((id, vs) -> {
            assertEquals(vs.lastEntry().getValue(), last.get(id), id);
            assertEquals(vs.firstEntry().getValue(), first.get(id), id);
        });
        // delete the newest version of an object with four versions: the third becomes last
        String four = expected.entrySet().stream().filter(e -> e.getValue().size() == 4).findFirst().orElseThrow().getKey();
        assertEquals(1, store.delete(c, four, VersionMatch.LAST, List.of()));
        TreeMap<Long, String> vs = expected.get(four);
        List<String> remaining = store.find(c, q(four, List.of(), List.of(), VersionMatch.LAST, List.of())).items()
                .stream().map(StoredVersion::version).toList();
        assertEquals(List.of(new ArrayList<>(vs.values()).get(2)), remaining);
    }

    List<StoredVersion> pageAll(String c, VersionMatch v) {
        List<StoredVersion> out = new ArrayList<>();
        Long cursor = null;
        while (true) {
            Page<StoredVersion> page = store.find(c, new ObjectQuery(null, null, cursor, 1000, List.of(), List.of(), v, List.of(), false));
            out.addAll(page.items());
            if (!page.more()) {
                Set<Long> dates = new HashSet<>();
                out.forEach(x -> assertTrue(dates.add(x.dateAddedMicros())));
                return out;
            }
            cursor = page.items().get(page.items().size() - 1).dateAddedMicros();
        }
    }

    static List<String> list(String... s) {
        return Arrays.asList(s);
    }
}
