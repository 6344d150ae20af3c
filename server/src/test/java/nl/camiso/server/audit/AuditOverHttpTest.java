package nl.camiso.server.audit;

import io.restassured.specification.RequestSpecification;
import nl.camiso.server.access.AccessRules;
import nl.camiso.server.access.ServerAuthorizer;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.query.Cursor;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.identity.Role;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.auth.Authenticator;
import nl.camiso.server.auth.CredentialCache;
import nl.camiso.server.http.HttpEndpoint;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.TaxiiApi;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.IngestPolicy;
import nl.camiso.taxii.testing.MemoryStore;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit hooks through a real HTTP server: the real TAXII layer, authentication filter,
 * access rules and audit log (H2), with the in-memory object store (which keeps the storage
 * contract) standing in for the storage layer. Each request is checked for exactly the entries it should leave, and no more.
 */
class AuditOverHttpTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String OPEN = "11111111-1111-4111-8111-111111111111";
    static final String SECRET = "22222222-2222-4222-8222-222222222222";
    static final String PW = "test-password-1";

    private static AuditTestDb db;
    private static DbAuditLog log;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        db = AuditTestDb.create("h2");
        log = db.log();
        String hash = PasswordHasher.hash(PW);
        Map<String, Account> accounts = Map.of(
                "ncsc-analyst", new Account("ncsc-analyst", "ncsc", Set.of(),
                        List.of(new Grant("ndn", OPEN, true, true)), hash),
                "ferm-analyst", new Account("ferm-analyst", "ferm", Set.of(),
                        List.of(new Grant("ndn", OPEN, true, false)), hash),
                "supervisor", new Account("supervisor", "toezicht", Set.of(Role.SUPERVISOR), List.of(), hash),
                "admin", new Account("admin", "ndn", Set.of(Role.ADMIN), List.of(), hash));
        Catalog catalog = new TestCatalog();
        AccessRules rules = AccessRules.standard(catalog);
        AuditingAuthorizer<Principal> authorizer = new AuditingAuthorizer<>(ServerAuthorizer.withoutNetwork(rules));
        TaxiiServices services = new TaxiiServices(catalog, new AuditingObjectStore(new MemoryStore(), catalog, log),
                rules, IngestPolicy.acceptAll(), new StixValidator(), 1000, Cursor.withRandomKey(),
                authorizer);
        ResourceConfig app = new ResourceConfig()
                .register(new TaxiiApi(services))
                .register(new AuthFilter(new Authenticator(n -> Optional.ofNullable(accounts.get(n)),
                        new CredentialCache(), null), log, false))
                .register(new AuditFilter(log))
                .register(AuditResource.feature(log, authorizer));
        endpoint = HttpEndpoint.start("127.0.0.1", 0, null, null, app);
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.close();
        db.close();
    }

    /** Each test starts with an empty chain. */
    @BeforeEach
    void emptyLog() throws Exception {
        db.sql("DELETE FROM camiso_audit");
        db.sql("UPDATE camiso_audit_head SET last_seq = 0, last_hash = '" + AuditChain.GENESIS + "'");
    }

    static RequestSpecification as(String user) {
        return given().baseUri(endpoint.baseUri().toString()).auth().preemptive().basic(user, PW).accept(TAXII);
    }

    List<AuditEntry> entries() {
        return log.find(new DbAuditLog.Query(0, null, null, null, null, 1000)).entries();
    }

    static String indicator(String uuid) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + uuid + "\","
                + "\"created\":\"2024-05-01T10:00:00.000Z\",\"modified\":\"2024-05-01T10:00:00.000Z\","
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-05-01T10:00:00Z\"}";
    }

    @Test
    void onePostEnvelopeGivesOneWriteEntryAndOneRefusalEntry() {
        String a = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
        String b = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
        String bad = "indicator--cccccccc-cccc-4ccc-8ccc-cccccccccccc";
        String body = "{\"objects\":[" + indicator(a) + "," + indicator(b)
                + ",{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + bad + "\"}]}";
        as("ncsc-analyst").contentType(TAXII).body(body).post("ndn/collections/" + OPEN + "/objects/")
                .then().statusCode(202).body("success_count", equalTo(2)).body("failure_count", equalTo(1));

        List<AuditEntry> all = entries();
        assertEquals(2, all.size(), all.toString());
        AuditEntry write = all.get(0);
        assertEquals(AuditEvent.WRITE, write.action());
        assertEquals("ncsc-analyst", write.actor());
        assertEquals("ncsc", write.organisation());
        assertEquals("127.0.0.1", write.remoteAddress());
        assertEquals("ndn", write.apiRoot());
        assertEquals(OPEN, write.collection());
        assertEquals(List.of("indicator--" + a, "indicator--" + b), write.objectIds());
        assertEquals(AuditEvent.PARTIAL, write.outcome());
        assertTrue(write.detail().contains("2 stored, 1 refused, 0 pending of 3"), write.detail());
        AuditEntry refused = all.get(1);
        assertEquals(AuditEvent.INGEST_REFUSED, refused.action());
        assertEquals(List.of(bad), refused.objectIds());
        assertTrue(refused.detail().contains(bad + ": "), refused.detail());
        assertTrue(all.stream().noneMatch(e -> String.valueOf(e.detail()).contains("198.51.100.7")), "no object content");
        assertTrue(log.verify().ok());
    }

    @Test
    void deleteIsRecorded() {
        String id = "indicator--dddddddd-dddd-4ddd-8ddd-dddddddddddd";
        as("ncsc-analyst").contentType(TAXII).body("{\"objects\":[" + indicator("dddddddd-dddd-4ddd-8ddd-dddddddddddd") + "]}")
                .post("ndn/collections/" + OPEN + "/objects/").then().statusCode(202);
        as("ncsc-analyst").delete("ndn/collections/" + OPEN + "/objects/" + id + "/").then().statusCode(200);
        List<AuditEntry> all = entries();
        assertEquals(List.of(AuditEvent.WRITE, AuditEvent.DELETE), all.stream().map(AuditEntry::action).toList());
        AuditEntry delete = all.get(1);
        assertEquals("ncsc-analyst", delete.actor());
        assertEquals("ncsc", delete.organisation());
        assertEquals("ndn", delete.apiRoot());
        assertEquals(OPEN, delete.collection());
        assertEquals(List.of(id), delete.objectIds());
        assertEquals("1 version removed", delete.detail());
    }

    @Test
    void failedLoginIsRecordedWithoutTheSecret() {
        given().baseUri(endpoint.baseUri().toString()).auth().preemptive().basic("ncsc-analyst", "guess-123")
                .accept(TAXII).get("taxii2/").then().statusCode(401);
        List<AuditEntry> all = entries();
        assertEquals(1, all.size());
        assertEquals(AuditEvent.LOGIN_FAILED, all.get(0).action());
        assertEquals("ncsc-analyst", all.get(0).actor());
        assertEquals(AuditEvent.DENIED, all.get(0).outcome());
        assertTrue(!all.get(0).detail().contains("guess-123"));
    }

    @Test
    void deniedAccessIsRecordedOncePerRequestAndOnlyWhenThePolicyDenied() {
        // invisible collection: 404 caused by the policy
        as("ferm-analyst").get("ndn/collections/" + SECRET + "/objects/").then().statusCode(404);
        // visible but not writable: 403
        as("ferm-analyst").contentType(TAXII).body("{\"objects\":[" + indicator(UUID.randomUUID().toString()) + "]}")
                .post("ndn/collections/" + OPEN + "/objects/").then().statusCode(403);
        List<AuditEntry> all = entries();
        assertEquals(2, all.size(), all.toString());
        assertEquals(AuditEvent.ACCESS_DENIED, all.get(0).action());
        assertEquals("ferm-analyst", all.get(0).actor());
        assertEquals("ferm", all.get(0).organisation());
        assertEquals(SECRET, all.get(0).collection());
        assertEquals("GET /ndn/collections/" + SECRET + "/objects/ -> 404 (read-objects refused)", all.get(0).detail());
        assertEquals(OPEN, all.get(1).collection());
        assertTrue(all.get(1).detail().endsWith("-> 403 (add-objects refused)"), all.get(1).detail());

        // not caused by the policy: a missing object in a readable collection, an unknown collection,
        // and lists that simply leave out what the requester may not see
        as("ferm-analyst").get("ndn/collections/" + OPEN + "/objects/indicator--" + UUID.randomUUID() + "/")
                .then().statusCode(404);
        as("ferm-analyst").get("ndn/collections/" + UUID.randomUUID() + "/").then().statusCode(404);
        as("ferm-analyst").get("ndn/collections/").then().statusCode(200).body("collections", hasSize(1));
        as("ferm-analyst").get("taxii2/").then().statusCode(200);
        assertEquals(2, entries().size(), entries().toString());
    }

    @Test
    void supervisorsAndAdminsReadTheTrailOthersDoNot() {
        as("ncsc-analyst").get("x-camiso/audit/").then().statusCode(403).body("title", equalTo("Forbidden"));
        given().baseUri(endpoint.baseUri().toString()).get("x-camiso/audit/").then().statusCode(401);
        as("supervisor").get("x-camiso/audit/").then().statusCode(200)
                .contentType(equalTo("application/json;charset=utf-8"))
                .body("more", equalTo(false))
                .body("next", nullValue())
                .body("entries", hasSize(1))
                .body("entries[0].seq", equalTo(1))
                .body("entries[0].action", equalTo("access-denied"))
                .body("entries[0].actor", equalTo("ncsc-analyst"))
                .body("entries[0].prev_hash", equalTo(AuditChain.GENESIS));
        as("admin").accept("application/json").get("x-camiso/audit").then().statusCode(200);
        as("supervisor").accept("text/html").get("x-camiso/audit/").then().statusCode(406);
    }

    @Test
    void supervisorApiPagesAndFilters() {
        for (int i = 0; i < 5; i++) {
            as("ferm-analyst").get("ndn/collections/" + SECRET + "/").then().statusCode(404);
            as("ncsc-analyst").get("ndn/collections/" + SECRET + "/").then().statusCode(404);
        }
        List<Integer> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            RequestSpecification r = as("supervisor").queryParam("organisation", "ferm").queryParam("limit", 2);
            if (next != null) {
                r.queryParam("next", next);
            }
            var json = r.get("x-camiso/audit/").then().statusCode(200).extract().jsonPath();
            seen.addAll(json.getList("entries.seq"));
            assertTrue(json.getList("entries.organisation").stream().allMatch("ferm"::equals));
            next = json.getBoolean("more") ? json.getString("next") : null;
            pages++;
        } while (next != null);
        assertEquals(List.of(1, 3, 5, 7, 9), seen);
        assertEquals(3, pages);

        as("supervisor").queryParam("action", "access-denied").queryParam("limit", 100)
                .get("x-camiso/audit/").then().statusCode(200).body("entries", hasSize(10));
        as("supervisor").queryParam("action", "write").get("x-camiso/audit/").then().statusCode(200)
                .body("entries", hasSize(0));
        as("supervisor").queryParam("from", "2999-01-01T00:00:00Z").get("x-camiso/audit/").then().statusCode(200)
                .body("entries", hasSize(0));
        as("supervisor").queryParam("to", "2999-01-01T00:00:00Z").queryParam("from", "2000-01-01T00:00:00Z")
                .get("x-camiso/audit/").then().statusCode(200).body("entries", hasSize(10));
        for (String[] bad : new String[][]{{"limit", "0"}, {"limit", "x"}, {"next", "-1"}, {"next", "abc"},
                {"from", "yesterday"}, {"organisation", "a b"}}) {
            as("supervisor").queryParam(bad[0], bad[1]).get("x-camiso/audit/").then().statusCode(400);
        }
        assertTrue(log.verify().ok());
        assertNull(log.verify().reason());
    }

    /** One API root "ndn" with two collections. */
    static final class TestCatalog implements Catalog {
        final ApiRootInfo root = new ApiRootInfo("ndn", "NDN", null, 10_000_000);
        final List<CollectionInfo> collections = List.of(
                new CollectionInfo(OPEN, "ndn", "Open", null, "open", List.of("application/stix+json;version=2.1")),
                new CollectionInfo(SECRET, "ndn", "Secret", null, "secret", List.of("application/stix+json;version=2.1")));

        public String title() {
            return "test";
        }

        public String description() {
            return null;
        }

        public String contact() {
            return null;
        }

        public Optional<String> defaultApiRoot() {
            return Optional.of("ndn");
        }

        public List<ApiRootInfo> apiRoots() {
            return List.of(root);
        }

        public Optional<ApiRootInfo> apiRoot(String name) {
            return name.equals("ndn") ? Optional.of(root) : Optional.empty();
        }

        public List<CollectionInfo> collections(String apiRoot) {
            return apiRoot.equals("ndn") ? collections : List.of();
        }

        public Optional<CollectionInfo> collection(String apiRoot, String idOrAlias) {
            return collections(apiRoot).stream()
                    .filter(c -> c.id().equals(idOrAlias) || idOrAlias.equals(c.alias())).findFirst();
        }
    }
}
