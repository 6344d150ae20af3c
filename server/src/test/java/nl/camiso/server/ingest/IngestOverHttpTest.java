package nl.camiso.server.ingest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.taxii.spi.ObjectStore;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.storage.Database;
import nl.camiso.server.access.AccessRules;
import nl.camiso.server.access.CollectionSettings;
import nl.camiso.server.access.ServerAuthorizer;
import nl.camiso.taxii.query.Cursor;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.auth.Authenticator;
import nl.camiso.server.auth.CredentialCache;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.ApiRootConfig.ReferencePolicy;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.http.HttpEndpoint;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.stix.marking.TlpMarkings;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.TaxiiApi;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.spi.IncomingObject;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest rules and forwarded sightings over real HTTP (Grizzly, the TAXII layer, the server's
 * authentication, access rules and ingest rules) with the sample network of samples/camiso.yaml
 * loaded into the real object store on a fresh H2 database.
 */
class IngestOverHttpTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String NDN_GREEN = "deeadbed-fb79-43d2-8a28-43cf9e91a347";
    static final String NDN_AMBER = "74768a0d-3970-48f8-8573-9bc575c41ae0";
    static final String NDN_REPORTS = "9c7af2ad-f231-4fb4-81ef-6537f3392acf";
    static final String FERM_GREEN = "68c7d5a0-6cd8-43e7-9c7a-16d5ebd7576e";
    static final String FERM_REPORTS = "0696c34a-9429-4c93-aacc-04115ba70c50";
    static final String FERM_AMBER = "1dbc37f0-eb75-4f86-92ea-3e86f78da1f0";
    /** NCSC's GREEN Citrix Bleed indicator in ndn-green. */
    static final String CITRIX_INDICATOR = "indicator--a5aebcce-c3a5-4fac-8e81-d653785f397a";
    /** FERM's indicator in ferm-amber. */
    static final String FERM_AMBER_INDICATOR = "indicator--675b0483-6873-4dd2-946a-3eb8a1ceee40";
    /** The sample ferm-reports sighting of an indicator that sits in ferm-green only. */
    static final String FERM_GREEN_INDICATOR = "indicator--fb862781-efc6-418f-86ca-a48d07436c02";
    static final String KOELHUIS = "identity--db1cb953-14a0-4dc3-b6b2-c4098ec94a57";
    static final String MAASVLAKTE = "identity--85a8e929-8992-4c65-8793-edd79579e52e";
    static final String FERM_IDENTITY = "identity--4155fc2d-7484-4aea-81bc-4065b8d0c64c";
    static final String DTC_IDENTITY = "identity--578925df-5f01-4159-823f-4db8c227b8e6";
    static final String NCSC_IDENTITY = "identity--209793f3-d1b6-419c-a17b-93ecda28c405";
    static final String MIVD_IDENTITY = "identity--d93a6ec8-2fe4-4ce6-b224-b59109f0e700";

    static HttpEndpoint endpoint;
    static Path dataDir;
    static Database database;
    static AtomicReference<CamisoConfig> config;
    static CamisoConfig original;
    static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        original = ConfigLoader.load(samples.resolve("camiso.yaml"));
        config = new AtomicReference<>(original);
        ConfiguredCatalog catalog = new ConfiguredCatalog(original);
        dataDir = Files.createTempDirectory("camiso-ingest-test");
        database = Database.open(DatabaseSettings.h2(dataDir), List.of());
        ObjectStore store = database.objectStore();
        loadSamples(original, samples, store);

        String hash = PasswordHasher.hash("camiso-demo");
        Map<String, Account> accounts = new HashMap<>();
        for (AccountConfig a : original.accounts()) {
            List<Grant> grants = a.grants().stream().map(g -> new Grant(g.apiRoot(),
                    "*".equals(g.collection()) ? Grant.ALL_COLLECTIONS
                            : AccountStore.resolveCollection(original, g.apiRoot(), g.collection()),
                    g.read(), g.write())).toList();
            accounts.put(a.name(), new Account(a.name(), a.organisation(), a.roles(), grants, hash));
        }
        // a service account of no organisation, allowed to write ndn-green by an explicit grant
        accounts.put("feed-bot", new Account("feed-bot", null, Set.of(), List.of(new Grant("ndn", NDN_GREEN, true, true)), hash));
        // and one that may write ndn-green without reading it
        accounts.put("drop-box", new Account("drop-box", null, Set.of(), List.of(new Grant("ndn", NDN_GREEN, false, true)), hash));
        StixValidator validator = new StixValidator();
        // the sample network decides who may read and write, as in the real server
        Network network = Network.fixed(NetworkSnapshot.fromConfig(original));
        AccessRules access = AccessRules.network(catalog, network);
        IngestRules ingest = new IngestRules(config::get, catalog, store, access, network::current);
        TaxiiServices services = new TaxiiServices(catalog, store, access, ingest, validator, 1000,
                Cursor.withRandomKey(), new ServerAuthorizer(access, CollectionSettings.from(catalog), network));
        ResourceConfig app = new ResourceConfig()
                .register(new TaxiiApi(services))
                .register(new AuthFilter(new Authenticator(n -> Optional.ofNullable(accounts.get(n)),
                        new CredentialCache(), null), e -> { }, false))
                .register(SightingsForwardResource.feature(
                        new SightingsForwarder(services, config::get, network::current, audit::add)));
        endpoint = HttpEndpoint.start("127.0.0.1", 0, null, null, app);
    }

    /** The sample bundles, straight into the store (the server loads them through the ingest rules, which they pass). */
    static void loadSamples(CamisoConfig c, Path samples, ObjectStore store) throws Exception {
        for (ApiRootConfig root : c.apiRoots()) {
            for (CollectionConfig col : root.collections()) {
                List<IncomingObject> objects = new ArrayList<>();
                for (String file : col.load()) {
                    StixJson.parse(Files.readAllBytes(samples.resolve(file))).path("objects").forEach(n ->
                            objects.add(new IncomingObject(StixObject.of(n), StixJson.writeBytes(n))));
                }
                store.add(root.name(), col.id(), "samples", 0, objects.size(), objects, List.of());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.close();
        database.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @AfterEach
    void restorePolicy() {
        config.set(original);
        audit.clear();
    }

    static RequestSpecification as(String user) {
        return given().baseUri(endpoint.baseUri().toString()).auth().preemptive().basic(user, "camiso-demo");
    }

    static JsonPath post(String user, String collection, String... objects) {
        String body = "{\"objects\":[" + String.join(",", objects) + "]}";
        return as(user).accept(TAXII).contentType(TAXII).body(body)
                .post("ndn/collections/" + collection + "/objects/")
                .then().statusCode(202).extract().jsonPath();
    }

    static String id(String type) {
        return type + "--" + UUID.randomUUID();
    }

    static String markings(String objectMarking, String granular) {
        StringBuilder s = new StringBuilder();
        if (objectMarking != null) {
            s.append(",\"object_marking_refs\":[\"").append(objectMarking).append("\"]");
        }
        if (granular != null) {
            s.append(",\"granular_markings\":[{\"marking_ref\":\"").append(granular)
                    .append("\",\"selectors\":[\"description\"]}]");
        }
        return s.toString();
    }

    static String indicator(String id, String objectMarking, String granular) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"name\":\"Test indicator\",\"description\":\"Seen in a test\","
                + "\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.77']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-11-21T10:00:00Z\"" + markings(objectMarking, granular) + "}";
    }

    static String relationship(String id, String source, String target) {
        return "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"relationship_type\":\"related-to\",\"source_ref\":\"" + source + "\",\"target_ref\":\"" + target + "\","
                + "\"object_marking_refs\":[\"" + TlpMarkings.TLP2_GREEN + "\"]}";
    }

    static String memberSighting(String reporter, int count, String first, String last) {
        return "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"" + id("sighting") + "\","
                + "\"created_by_ref\":\"" + reporter + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"description\":\"Blocked at our gateway, ticket INC-4711\","
                + "\"first_seen\":\"" + first + "\",\"last_seen\":\"" + last + "\",\"count\":" + count + ","
                + "\"sighting_of_ref\":\"" + CITRIX_INDICATOR + "\",\"where_sighted_refs\":[\"" + reporter + "\"],"
                + "\"x_member_ticket\":\"INC-4711\","
                + "\"object_marking_refs\":[\"" + TlpMarkings.TLP2_GREEN + "\"]}";
    }

    // --- TLP ---------------------------------------------------------------------------------

    @Test
    void aVersionIsComparedWithTheVersionsTheCollectionHolds() {
        String id = id("indicator");
        String v1 = indicator(id, null, null);
        String firstVersion = "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\"";
        assertEquals(1, post("feed-bot", "ndn-green", v1).getInt("success_count"));

        JsonPath createdChanged = post("feed-bot", "ndn-green", v1.replace(firstVersion,
                "\"created\":\"2026-11-20T10:00:00.000Z\",\"modified\":\"2026-11-22T10:00:00.000Z\""));
        assertEquals(0, createdChanged.getInt("success_count"));
        assertTrue(createdChanged.getString("failures[0].message").contains("'created' never changes between versions of an object (§3.2)"),
                createdChanged.prettify());

        // real feeds (ATT&CK releases, MISP exports) change a version's content without a new modified: the held one stays
        JsonPath versionChanged = post("feed-bot", "ndn-green", v1.replace("Seen in a test", "Seen somewhere else"));
        assertEquals(1, versionChanged.getInt("success_count"));
        assertTrue(versionChanged.getString("successes[0].message").contains("a version never changes (§3.6)"), versionChanged.prettify());
        assertTrue(as("feed-bot").accept(TAXII).get("ndn/collections/" + NDN_GREEN + "/objects/" + id + "/")
                .then().statusCode(200).extract().asString().contains("Seen in a test"));

        String v2 = v1.replace(firstVersion, "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-22T10:00:00.000Z\"")
                .replace("Seen in a test", "Seen somewhere else");
        assertEquals(1, post("feed-bot", "ndn-green", v2).getInt("success_count"));
        assertEquals(1, post("feed-bot", "ndn-green", v1).getInt("success_count"), "a held version sent again as it is");

        // a poster that may not read the collection is not told what it holds: nothing is compared
        String unknown = id("indicator");
        for (String sent : List.of(id, unknown)) {
            JsonPath writeOnly = post("drop-box", "ndn-green", indicator(sent, null, null).replace(firstVersion,
                    "\"created\":\"2026-11-19T10:00:00.000Z\",\"modified\":\"2026-11-23T10:00:00.000Z\""));
            assertEquals(1, writeOnly.getInt("success_count"), writeOnly.prettify());
            assertNull(writeOnly.get("successes[0].message"));
        }
    }

    @Test
    void amberIntoGreenIsRefusedWithTheReasonForTlp1AndTlp2() {
        for (String amber : List.of(TlpMarkings.TLP2_AMBER, TlpMarkings.TLP1_AMBER)) {
            String id = id("indicator");
            JsonPath status = post("ncsc-analyst", "ndn-green", indicator(id, amber, null));
            assertEquals(0, status.getInt("success_count"));
            assertEquals(1, status.getInt("failure_count"));
            assertEquals(id, status.getString("failures[0].id"));
            assertEquals("object is TLP:AMBER, collection ndn-green is TLP:GREEN; an object may not be stricter"
                    + " than its collection", status.getString("failures[0].message"));
            // nothing of it is stored, and the status resource says the same later
            as("ncsc-analyst").accept(TAXII).get("ndn/collections/" + NDN_GREEN + "/objects/" + id + "/")
                    .then().statusCode(404);
            assertEquals(status.getString("failures[0].message"), as("ncsc-analyst").accept(TAXII)
                    .get("ndn/status/" + status.getString("id") + "/").then().statusCode(200)
                    .extract().jsonPath().getString("failures[0].message"));
        }
    }

    @Test
    void granularMarkingsStricterThanObjectMarkingsDecide() {
        String id = id("indicator");
        JsonPath status = post("ncsc-analyst", "ndn-green", indicator(id, TlpMarkings.TLP2_GREEN, TlpMarkings.TLP2_RED));
        assertEquals("object is TLP:RED (through its granular markings), collection ndn-green is TLP:GREEN;"
                + " an object may not be stricter than its collection", status.getString("failures[0].message"));
        // a TLP 1.0 granular AMBER on a TLP 2.0 CLEAR object: still AMBER
        JsonPath mixed = post("ncsc-analyst", "ndn-green", indicator(id("indicator"), TlpMarkings.TLP2_CLEAR, TlpMarkings.TLP1_AMBER));
        assertTrue(mixed.getString("failures[0].message").startsWith("object is TLP:AMBER (through its granular markings)"));
    }

    @Test
    void unmarkedIsAcceptedAsIsAndLessStrictGoesIntoStricter() {
        String unmarked = id("indicator");
        String white = id("indicator");
        String green = id("indicator");
        JsonPath s1 = post("ncsc-analyst", "ndn-green", indicator(unmarked, null, null));
        assertEquals(1, s1.getInt("success_count"));
        assertNull(s1.get("successes[0].message"));
        JsonPath s2 = post("ncsc-analyst", "ndn-amber", indicator(white, TlpMarkings.TLP1_WHITE, null),
                indicator(green, TlpMarkings.TLP2_GREEN, TlpMarkings.TLP2_AMBER));
        assertEquals(2, s2.getInt("success_count"));
        // stored unchanged: no marking added
        String stored = as("ncsc-analyst").accept(TAXII).get("ndn/collections/" + NDN_GREEN + "/objects/" + unmarked + "/")
                .then().statusCode(200).extract().asString();
        assertFalse(stored.contains("object_marking_refs"));
        as("ncsc-analyst").accept(TAXII).get("ndn/collections/" + NDN_AMBER + "/objects/" + white + "/").then().statusCode(200);
    }

    @Test
    void unknownMarkingsWaitAndForgedMarkingsAreRefusedAndExplained() {
        // an unknown marking waits for its definition (PendingMarkingsTest follows it to the end)
        String unknownMarking = id("marking-definition");
        JsonPath unknown = post("ncsc-analyst", "ndn-green", indicator(id("indicator"), unknownMarking, null));
        assertEquals("pending", unknown.getString("status"), unknown.prettify());
        assertTrue(unknown.getString("pendings[0].message").startsWith("waiting for the definition of marking "
                + unknownMarking), unknown.prettify());

        // a marking definition carried in the envelope that calls itself TLP:GREEN under its own id
        String forged = id("marking-definition");
        String forgedDef = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + forged + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"name\":\"TLP:GREEN\",\"definition_type\":\"statement\","
                + "\"definition\":{\"statement\":\"TLP:GREEN\"}}";
        String marked = id("indicator");
        JsonPath f = post("ncsc-analyst", "ndn-green", forgedDef, indicator(marked, forged, null));
        assertEquals(2, f.getInt("failure_count"), f.prettify());
        assertTrue(f.getList("failures.message", String.class).stream().allMatch(m -> m.contains("not one of the official TLP")),
                f.prettify());

        // a non-TLP statement marking carried with the object is understood, so the object is accepted
        String statement = id("marking-definition");
        String statementDef = "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + statement + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"definition_type\":\"statement\","
                + "\"definition\":{\"statement\":\"Copyright NCSC\"}}";
        JsonPath ok = post("ncsc-analyst", "ndn-green", statementDef, indicator(id("indicator"), statement, null));
        assertEquals(2, ok.getInt("success_count"), ok.prettify());
    }

    // --- references --------------------------------------------------------------------------

    static final String KOELHUIS_ANALYST = "koelhuis-botlek-analyst";       // FERM GREEN: reads ferm-reports, not ferm-amber
    static final String MAASVLAKTE_ANALYST = "maasvlakte-stuwadoors-analyst"; // FERM AMBER: reads both

    static String unknownWarning(String ref) {
        return "warning: refers to " + ref + ", which is neither in this envelope nor in a collection you may read;"
                + " stored with the reference as sent (a reader only ever sees a referenced object where it may read"
                + " that object)";
    }

    @Test
    void relationshipToAnObjectTheReadersCannotSeeIsRefusedByDefault() {
        String mine = id("indicator");
        String never = id("indicator");
        // ferm-analyst reads ferm-amber, whose readers are not all of ferm-green's: the link would leak, refused
        JsonPath s = post("ferm-analyst", "ferm-green", indicator(mine, TlpMarkings.TLP2_GREEN, null),
                relationship(id("relationship"), mine, FERM_AMBER_INDICATOR),
                relationship(id("relationship"), mine, never));
        assertEquals(2, s.getInt("success_count"), s.prettify());
        assertEquals(List.of("refers to " + FERM_AMBER_INDICATOR + ", which not every reader of collection ferm-green"
                + " (TLP:GREEN) can see: a referenced object must be in the same envelope, in this collection, or in a"
                + " collection you may read whose readers include all readers of this one"),
                s.getList("failures.message", String.class));
        // an id stored nowhere the poster may read: accepted, with a warning (it may simply not have arrived yet)
        assertEquals(unknownWarning(never), s.getString("successes.find { it.id != '" + mine + "' }.message"), s.prettify());

        // to the hub's GREEN collection (every FERM member reads it) and to this collection: accepted, no warning
        JsonPath ok = post("ferm-analyst", "ferm-green", relationship(id("relationship"), mine, CITRIX_INDICATOR),
                relationship(id("relationship"), FERM_GREEN_INDICATOR, mine));
        assertEquals(2, ok.getInt("success_count"), ok.prettify());
        assertEquals(List.of(), ok.getList("successes.findAll { it.message != null }"), ok.prettify());

        // to an object of the same envelope that is itself refused (AMBER in GREEN): refused too
        String amber = id("indicator");
        JsonPath chained = post("ferm-analyst", "ferm-green", indicator(amber, TlpMarkings.TLP2_AMBER, null),
                relationship(id("relationship"), mine, amber));
        assertEquals(2, chained.getInt("failure_count"), chained.prettify());
    }

    /**
     * A poster who may not read the stricter collection gets exactly the same answer for an id stored
     * there as for an id stored nowhere: posting a reference is no existence oracle. One who may read it
     * is refused, as the link would show its object's existence to readers who may not read it.
     */
    @Test
    void targetFirstRelationshipLater() {
        String never = id("indicator");
        String relToStored = id("relationship");
        String relToNever = id("relationship");
        JsonPath blind = post(KOELHUIS_ANALYST, "ferm-reports",
                relationship(relToStored, CITRIX_INDICATOR, FERM_AMBER_INDICATOR),
                relationship(relToNever, CITRIX_INDICATOR, never));
        assertEquals(2, blind.getInt("success_count"), blind.prettify());
        String toStored = blind.getString("successes.find { it.id == '" + relToStored + "' }.message");
        String toNever = blind.getString("successes.find { it.id == '" + relToNever + "' }.message");
        assertEquals(unknownWarning(FERM_AMBER_INDICATOR), toStored);
        assertEquals(toNever.replace(never, FERM_AMBER_INDICATOR), toStored);
        // the relationship carries the id its poster chose; readers of ferm-reports still cannot read the target
        as(KOELHUIS_ANALYST).accept(TAXII).get("ndn/collections/" + FERM_REPORTS + "/objects/" + relToStored + "/")
                .then().statusCode(200).body("objects[0].target_ref", equalTo(FERM_AMBER_INDICATOR));
        as(KOELHUIS_ANALYST).accept(TAXII).get("ndn/collections/" + FERM_AMBER + "/objects/" + FERM_AMBER_INDICATOR + "/")
                .then().statusCode(404);

        JsonPath sighted = post(MAASVLAKTE_ANALYST, "ferm-reports",
                relationship(id("relationship"), CITRIX_INDICATOR, FERM_AMBER_INDICATOR));
        assertEquals(1, sighted.getInt("failure_count"), sighted.prettify());
        assertTrue(sighted.getString("failures[0].message").startsWith("refers to " + FERM_AMBER_INDICATOR + ", which not"
                + " every reader of collection ferm-reports"), sighted.prettify());
    }

    /**
     * The target arrives after the relationship, in a stricter collection: accepted as any object.
     * The relationship's readers learn nothing new (its bytes are the same, the target stays
     * invisible to whoever may not read its collection); from then on the target counts as stored
     * for posters who may read it.
     */
    @Test
    void relationshipFirstTargetLater() {
        String later = id("indicator");
        String rel = id("relationship");
        JsonPath first = post(KOELHUIS_ANALYST, "ferm-reports", relationship(rel, CITRIX_INDICATOR, later));
        assertEquals(unknownWarning(later), first.getString("successes[0].message"), first.prettify());
        String before = as(KOELHUIS_ANALYST).accept(TAXII)
                .get("ndn/collections/" + FERM_REPORTS + "/objects/" + rel + "/").then().statusCode(200).extract().asString();

        JsonPath target = post("ferm-analyst", "ferm-amber", indicator(later, TlpMarkings.TLP2_AMBER, null));
        assertEquals(1, target.getInt("success_count"), target.prettify());
        assertNull(target.getString("successes[0].message"), target.prettify());

        assertEquals(before, as(KOELHUIS_ANALYST).accept(TAXII)
                .get("ndn/collections/" + FERM_REPORTS + "/objects/" + rel + "/").then().statusCode(200).extract().asString());
        as(KOELHUIS_ANALYST).accept(TAXII).get("ndn/collections/" + FERM_AMBER + "/objects/" + later + "/")
                .then().statusCode(404);
        as(MAASVLAKTE_ANALYST).accept(TAXII).get("ndn/collections/" + FERM_AMBER + "/objects/" + later + "/")
                .then().statusCode(200);
        // a second relationship: the blind poster's answer has not changed, the AMBER reader's has
        String again = id("relationship");
        assertEquals(unknownWarning(later), post(KOELHUIS_ANALYST, "ferm-reports",
                relationship(again, CITRIX_INDICATOR, later)).getString("successes[0].message"));
        assertEquals(1, post(MAASVLAKTE_ANALYST, "ferm-reports", relationship(id("relationship"), CITRIX_INDICATOR, later))
                .getInt("failure_count"));
    }

    @Test
    void warnPolicyAcceptsWithAWarningInTheStatus() {
        config.set(withReferencePolicy(original, ReferencePolicy.WARN));
        String rel = id("relationship");
        JsonPath s = post("ferm-analyst", "ferm-green", relationship(rel, FERM_GREEN_INDICATOR, FERM_AMBER_INDICATOR));
        assertEquals(1, s.getInt("success_count"), s.prettify());
        assertEquals(rel, s.getString("successes[0].id"));
        assertTrue(s.getString("successes[0].message").startsWith("warning: refers to " + FERM_AMBER_INDICATOR), s.prettify());
        // the TLP rule is not a policy: still refused
        JsonPath amber = post("ferm-analyst", "ferm-green", indicator(id("indicator"), TlpMarkings.TLP2_AMBER, null));
        assertEquals(1, amber.getInt("failure_count"));
    }

    static CamisoConfig withReferencePolicy(CamisoConfig c, ReferencePolicy policy) {
        List<ApiRootConfig> roots = c.apiRoots().stream().map(r -> new ApiRootConfig(r.name(), r.title(), r.description(),
                r.maxContentLength(), r.collections(), policy)).toList();
        return new CamisoConfig(c.server(), roots, c.organisations(), c.initiatives(), c.accounts(), c.source());
    }

    // --- who created it ----------------------------------------------------------------------

    static String createdBy(String object, String creator) {
        return object.replaceFirst("\\{", "{\"created_by_ref\":\"" + creator + "\",");
    }

    static String identity(String id, String name) {
        return "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-30T10:00:00.000Z\",\"modified\":\"2026-11-30T10:00:00.000Z\","
                + "\"name\":\"" + name + "\",\"identity_class\":\"organization\"}";
    }

    @Test
    void anObjectsCreatorMustBeThePostersOrganisation() {
        String forged = id("indicator");
        String own = id("indicator");
        String unattributed = id("indicator");
        JsonPath status = post("ncsc-analyst", "ndn-amber",
                createdBy(indicator(forged, TlpMarkings.TLP2_AMBER, null), MIVD_IDENTITY),
                createdBy(indicator(own, TlpMarkings.TLP2_AMBER, null), NCSC_IDENTITY),
                indicator(unattributed, TlpMarkings.TLP2_AMBER, null));
        assertEquals(2, status.getInt("success_count"), status.prettify());
        assertEquals(1, status.getInt("failure_count"));
        assertEquals(forged, status.getString("failures[0].id"));
        assertEquals("created_by_ref is " + MIVD_IDENTITY + ", not the identity of your organisation ncsc ("
                + NCSC_IDENTITY + "); an object's creator must be the organisation that publishes it",
                status.getString("failures[0].message"));
        as("mivd-analyst").accept(TAXII).get("ndn/collections/" + NDN_AMBER + "/objects/" + forged + "/")
                .then().statusCode(404);
        as("ncsc-analyst").accept(TAXII).get("ndn/collections/" + NDN_AMBER + "/objects/" + own + "/")
                .then().statusCode(200).body("objects[0].created_by_ref", equalTo(NCSC_IDENTITY));
        assertEquals(status.getString("failures[0].message"), as("ncsc-analyst").accept(TAXII)
                .get("ndn/status/" + status.getString("id") + "/").then().statusCode(200)
                .extract().jsonPath().getString("failures[0].message"));
    }

    @Test
    void onlyAnOrganisationPublishesItsOwnIdentity() {
        JsonPath status = post("ncsc-analyst", "ndn-green", identity(MIVD_IDENTITY, "MIVD (not really)"),
                identity(NCSC_IDENTITY, "Nationaal Cyber Security Centrum"));
        assertEquals(1, status.getInt("success_count"), status.prettify());
        assertEquals(MIVD_IDENTITY, status.getString("failures[0].id"));
        assertEquals(MIVD_IDENTITY + " is the STIX identity of organisation mivd; only that organisation may publish it",
                status.getString("failures[0].message"));
    }

    @Test
    void accountsWithoutAnOrganisationPublishOnlyUnattributedObjects() {
        String attributed = id("indicator");
        String unattributed = id("indicator");
        JsonPath status = post("feed-bot", "ndn-green",
                createdBy(indicator(attributed, TlpMarkings.TLP2_GREEN, null), NCSC_IDENTITY),
                indicator(unattributed, TlpMarkings.TLP2_GREEN, null));
        assertEquals(1, status.getInt("success_count"), status.prettify());
        assertEquals(attributed, status.getString("failures[0].id"));
        assertEquals("created_by_ref is " + NCSC_IDENTITY + ", but your account belongs to no organisation: it may"
                + " only publish objects without created_by_ref", status.getString("failures[0].message"));
    }

    @Test
    void administratorsMayNameAnyCreator() {
        JsonPath status = post("admin", "ndn-amber",
                createdBy(indicator(id("indicator"), TlpMarkings.TLP2_AMBER, null), MIVD_IDENTITY));
        assertEquals(1, status.getInt("success_count"), status.prettify());
    }

    // --- sightings back up the chain ---------------------------------------------------------

    static Response forward(String user, String body) {
        return as(user).accept("application/json").contentType("application/json").body(body)
                .post("ndn/x-camiso/sightings/forward/");
    }

    @Test
    void sightingsOfTwoFermMembersAreAggregatedAndForwardedAnonymisedToTheHub() {
        assertEquals(1, post("koelhuis-botlek-analyst", "ferm-reports",
                memberSighting(KOELHUIS, 2, "2026-11-19T08:00:00.000Z", "2026-11-19T09:00:00.000Z")).getInt("success_count"));
        assertEquals(1, post("maasvlakte-stuwadoors-analyst", "ferm-reports",
                memberSighting(MAASVLAKTE, 5, "2026-11-18T22:00:00.000Z", "2026-11-20T06:30:00.000Z")).getInt("success_count"));

        JsonPath status = forward("ferm-analyst", "{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\","
                + "\"anonymise\":true}").then().statusCode(202).contentType("application/json").extract().jsonPath();
        assertEquals(4, status.getInt("x_camiso_forward.source_sightings"), status.prettify());
        assertEquals(3, status.getInt("x_camiso_forward.indicators"));
        assertEquals(3, status.getInt("total_count"));
        // the sample report of an indicator that only FERM's readers know is not pushed to the hub
        assertEquals(1, status.getInt("failure_count"), status.prettify());
        assertTrue(status.getString("failures[0].message").startsWith("refers to " + FERM_GREEN_INDICATOR));

        JsonPath citrix = forwardedSightingOf(status, CITRIX_INDICATOR);
        assertEquals(7, citrix.getInt("count"));
        assertEquals("2026-11-18T22:00:00.000Z", citrix.getString("first_seen"));
        assertEquals("2026-11-20T06:30:00.000Z", citrix.getString("last_seen"));
        assertEquals(FERM_IDENTITY, citrix.getString("created_by_ref"));
        assertEquals(List.of(TlpMarkings.TLP2_AMBER), citrix.getList("object_marking_refs"));
        String json = citrix.prettify();
        for (String leak : List.of("where_sighted_refs", "observed_data_refs", "description", "x_member_ticket",
                "INC-4711", KOELHUIS, MAASVLAKTE)) {
            assertFalse(json.contains(leak), leak + " must not be forwarded: " + json);
        }
        assertEquals(1, audit.size());
        assertEquals(SightingsForwarder.AUDIT_ACTION, audit.get(0).action());
        assertEquals("ferm-analyst", audit.get(0).actor());
        assertTrue(audit.get(0).detail().contains(FERM_REPORTS) && audit.get(0).detail().contains(NDN_REPORTS));
    }

    @Test
    void theIntermediaryForwardsWithWhereSightedRefsWhenNotAnonymised() {
        post("koelhuis-botlek-analyst", "ferm-reports",
                memberSighting(KOELHUIS, 1, "2026-11-22T08:00:00.000Z", "2026-11-22T08:00:00.000Z"));
        post("maasvlakte-stuwadoors-analyst", "ferm-reports",
                memberSighting(MAASVLAKTE, 1, "2026-11-22T09:00:00.000Z", "2026-11-22T09:00:00.000Z"));
        JsonPath status = forward("dtc-analyst", "{\"from_collection\":\"" + FERM_REPORTS + "\",\"to_collection\":\"ndn-reports\","
                + "\"anonymise\":false,\"since\":\"2000-01-01T00:00:00Z\"}").then().statusCode(202).extract().jsonPath();
        JsonPath citrix = forwardedSightingOf(status, CITRIX_INDICATOR);
        assertEquals(DTC_IDENTITY, citrix.getString("created_by_ref"));
        assertTrue(citrix.getList("where_sighted_refs", String.class).containsAll(List.of(KOELHUIS, MAASVLAKTE)));
        assertFalse(citrix.prettify().contains("INC-4711"));

        // since: nothing reported after it, nothing forwarded
        JsonPath none = forward("dtc-analyst", "{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\","
                + "\"since\":\"2999-01-01T00:00:00Z\"}").then().statusCode(202).extract().jsonPath();
        assertEquals(0, none.getInt("x_camiso_forward.source_sightings"));
        assertEquals(0, none.getInt("total_count"));
    }

    @Test
    void onlyTheInitiativeOrTheIntermediaryMayForwardAndOnlyReports() {
        String body = "{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\"}";
        forward("koelhuis-botlek-analyst", body).then().statusCode(404);  // a member does not even see ndn-reports
        forward("cyssec-analyst", body).then().statusCode(404);           // cannot see ferm-reports at all
        forward("ferm-analyst", "{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-green\"}")
                .then().statusCode(403);                                  // may read ndn-green, not write it
        forward("ferm-analyst", "{\"from_collection\":\"ferm-green\",\"to_collection\":\"ndn-reports\"}")
                .then().statusCode(422);
        forward("ferm-analyst", "{\"from_collection\":\"ferm-reports\"}").then().statusCode(400);
        forward("ferm-analyst", "{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\",\"since\":\"yesterday\"}")
                .then().statusCode(400);
        forward("ferm-analyst", "{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\",\"x\":1}")
                .then().statusCode(400);
        forward("ferm-analyst", "not json").then().statusCode(400);
        as("ferm-analyst").accept("application/json").contentType("text/plain").body(body)
                .post("ndn/x-camiso/sightings/forward/").then().statusCode(415);
        given().baseUri(endpoint.baseUri().toString()).contentType("application/json").body(body)
                .post("ndn/x-camiso/sightings/forward/").then().statusCode(401);
        assertTrue(audit.isEmpty());
    }

    /** The forwarded sighting of {@code indicator} among the status successes, read back as the hub (NCSC). */
    static JsonPath forwardedSightingOf(JsonPath status, String indicator) {
        for (String id : status.getList("successes.id", String.class)) {
            JsonPath o = as("ncsc-analyst").accept(TAXII).get("ndn/collections/" + NDN_REPORTS + "/objects/" + id + "/")
                    .then().statusCode(200).extract().jsonPath();
            if (indicator.equals(o.getString("objects[0].sighting_of_ref"))) {
                return new JsonPath(StixJson.write(StixJson.mapper().valueToTree(o.getMap("objects[0]"))));
            }
        }
        throw new AssertionError("no forwarded sighting of " + indicator + " in " + status.prettify());
    }
}
