package nl.camiso.server.ingest;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects whose marking definition has not arrived yet, over real HTTP on a real server and
 * database: they wait as {@code pending} in their status, invisible, until the definition arrives
 * where their poster may read it (then stored), or until the configured timeout (then failed); the
 * wait survives a restart. The subclasses pick the database.
 */
abstract class PendingMarkingsStory {

    static final String TAXII = "application/taxii+json;version=2.1";

    @TempDir
    Path dir;

    /** How to start a server on the test's database with this configuration file. */
    abstract ServerOptions options(Path config, Path dataDir);

    CamisoServer start(Duration timeout) throws Exception {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        String yaml = Files.readString(samples.resolve("camiso.yaml"))
                .replaceAll("(?m)^\\s+load: .*$\\R", "")
                .replace("  demo: true\n", "  demo: true\n  ingest:\n    pending_marking_timeout: " + timeout + "\n");
        assertTrue(yaml.contains("pending_marking_timeout"), "the sample configuration's server section changed");
        Path config = dir.resolve("camiso.yaml");
        Files.writeString(config, yaml);
        return CamisoServer.start(options(config, dir.resolve("data")));
    }

    static RequestSpecification as(CamisoServer server, String user) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(user, "camiso-demo").accept(TAXII);
    }

    static JsonPath post(CamisoServer server, String user, String collection, String... objects) {
        return as(server, user).contentType(TAXII).body("{\"objects\":[" + String.join(",", objects) + "]}")
                .post("ndn/collections/" + collection + "/objects/").then().statusCode(202).extract().jsonPath();
    }

    static JsonPath status(CamisoServer server, String user, String id) {
        return as(server, user).get("ndn/status/" + id + "/").then().statusCode(200).extract().jsonPath();
    }

    /** The status once it is complete (the resolver runs in the background). */
    static JsonPath complete(CamisoServer server, String user, String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath s = status(server, user, id);
        while (!"complete".equals(s.getString("status")) && System.nanoTime() < end) {
            Thread.sleep(100);
            s = status(server, user, id);
        }
        assertEquals("complete", s.getString("status"), s.prettify());
        return s;
    }

    /** Posts objects of which some must wait: the status says pending. */
    static JsonPath postPending(CamisoServer server, String user, String collection, String... objects) {
        JsonPath s = post(server, user, collection, objects);
        assertEquals("pending", s.getString("status"), s.prettify());
        return s;
    }

    /** Waits for the status to complete with {@code stored} objects stored, and {@code object} readable. */
    static JsonPath storedOnceComplete(CamisoServer server, String user, String statusId, int stored,
                                       String collection, String object) throws InterruptedException {
        JsonPath after = complete(server, user, statusId);
        assertEquals(stored, after.getInt("success_count"), after.prettify());
        assertEquals(200, objectStatus(server, user, collection, object));
        return after;
    }

    static int objectStatus(CamisoServer server, String user, String collection, String id) {
        return as(server, user).get("ndn/collections/" + collection + "/objects/" + id + "/").statusCode();
    }

    static String statement(String id) {
        return "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"definition_type\":\"statement\","
                + "\"definition\":{\"statement\":\"Copyright example\"}}";
    }

    static String indicator(String id, String marking) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"name\":\"Test indicator\",\"pattern\":\"[ipv4-addr:value = '198.51.100.77']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-11-21T10:00:00Z\",\"object_marking_refs\":[\"" + marking + "\"]}";
    }

    static String newId(String type) {
        return type + "--" + UUID.randomUUID();
    }

    /** Pending, invisible, then stored once the definition comes in a later envelope. */
    @Test
    void waitsUntilTheDefinitionArrivesThenIsStored() throws Exception {
        try (CamisoServer server = start(Duration.ofMinutes(2))) {
            String marking = newId("marking-definition");
            String indicator = newId("indicator");
            String unmarked = newId("indicator");
            JsonPath s = postPending(server, "ncsc-analyst", "ndn-green", indicator(indicator, marking),
                    indicator(unmarked, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"));
            assertEquals(2, s.getInt("total_count"));
            assertEquals(1, s.getInt("success_count"));
            assertEquals(1, s.getInt("pending_count"));
            assertEquals(indicator, s.getString("pendings[0].id"));
            assertTrue(s.getString("pendings[0].message").startsWith("waiting for the definition of marking " + marking),
                    s.prettify());
            // nothing of it is visible while it waits
            assertEquals(404, objectStatus(server, "ncsc-analyst", "ndn-green", indicator));
            assertEquals(200, objectStatus(server, "ncsc-analyst", "ndn-green", unmarked));
            assertEquals("pending", status(server, "ncsc-analyst", s.getString("id")).getString("status"));

            JsonPath d = post(server, "ncsc-analyst", "ndn-green", statement(marking));
            assertEquals(1, d.getInt("success_count"), d.prettify());
            JsonPath after = storedOnceComplete(server, "ncsc-analyst", s.getString("id"), 2, "ndn-green", indicator);
            assertEquals(0, after.getInt("pending_count"));
            assertEquals(0, after.getInt("failure_count"));
        }
    }

    /** A relationship to a waiting object of its envelope waits with it, and is stored with it. */
    @Test
    void aRelationshipWaitsWithTheObjectItRefersTo() throws Exception {
        try (CamisoServer server = start(Duration.ofMinutes(2))) {
            String marking = newId("marking-definition");
            String marked = newId("indicator");
            String plain = newId("indicator");
            String link = newId("relationship");
            String relationship = "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + link + "\","
                    + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                    + "\"relationship_type\":\"related-to\",\"source_ref\":\"" + marked + "\",\"target_ref\":\"" + plain + "\"}";
            JsonPath s = post(server, "ncsc-analyst", "ndn-green", relationship, indicator(marked, marking),
                    indicator(plain, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"));
            assertEquals(2, s.getInt("pending_count"), s.prettify());
            assertEquals(java.util.Set.of(link, marked), java.util.Set.copyOf(s.getList("pendings.id", String.class)));
            assertEquals(404, objectStatus(server, "ncsc-analyst", "ndn-green", link));
            post(server, "ncsc-analyst", "ndn-green", statement(marking));
            storedOnceComplete(server, "ncsc-analyst", s.getString("id"), 3, "ndn-green", link);
        }
    }

    /** A definition only where the poster may not read it does not let the object go; one it may read does. */
    @Test
    void aDefinitionThePosterCannotReadDoesNotRelease() throws Exception {
        try (CamisoServer server = start(Duration.ofMinutes(2))) {
            String marking = newId("marking-definition");
            String indicator = newId("indicator");
            JsonPath s = postPending(server, "ferm-analyst", "ferm-green", indicator(indicator, marking));
            // ndn-red is read by the NCSC, AIVD and MIVD analysts only
            assertEquals(1, post(server, "ncsc-analyst", "ndn-red", statement(marking)).getInt("success_count"));
            assertEquals(404, as(server, "ferm-analyst").get("ndn/collections/ndn-red/objects/").statusCode());
            Thread.sleep(1500); // the resolver was woken by that definition and has judged again
            JsonPath still = status(server, "ferm-analyst", s.getString("id"));
            assertEquals("pending", still.getString("status"), still.prettify());
            assertEquals(404, objectStatus(server, "ferm-analyst", "ferm-green", indicator));

            // the same definition where every participant reads it
            assertEquals(1, post(server, "ncsc-analyst", "ndn-green", statement(marking)).getInt("success_count"));
            storedOnceComplete(server, "ferm-analyst", s.getString("id"), 1, "ferm-green", indicator);
        }
    }

    /** No definition within the timeout: the object fails with the reason and is never visible. */
    @Test
    void failsWithTheReasonAfterTheTimeout() throws Exception {
        try (CamisoServer server = start(Duration.ofSeconds(2))) {
            String marking = newId("marking-definition");
            String indicator = newId("indicator");
            JsonPath s = postPending(server, "ncsc-analyst", "ndn-green", indicator(indicator, marking));
            assertTrue(s.getString("pendings[0].message").contains("within 2 seconds"), s.prettify());
            JsonPath after = complete(server, "ncsc-analyst", s.getString("id"));
            assertEquals(1, after.getInt("failure_count"), after.prettify());
            assertEquals(0, after.getInt("pending_count"));
            assertEquals(indicator, after.getString("failures[0].id"));
            assertTrue(after.getString("failures[0].message").startsWith("marking " + marking
                    + " is not an official TLP marking and its definition did not arrive"), after.prettify());
            assertEquals(404, objectStatus(server, "ncsc-analyst", "ndn-green", indicator));
            // a definition that comes too late changes nothing
            post(server, "ncsc-analyst", "ndn-green", statement(marking));
            Thread.sleep(500);
            assertEquals(404, objectStatus(server, "ncsc-analyst", "ndn-green", indicator));
        }
    }

    /** The wait is in the database: after a restart the status is still pending, and resolves. */
    @Test
    void theWaitSurvivesARestart() throws Exception {
        String marking = newId("marking-definition");
        String indicator = newId("indicator");
        String statusId;
        try (CamisoServer server = start(Duration.ofMinutes(2))) {
            JsonPath s = postPending(server, "ncsc-analyst", "ndn-green", indicator(indicator, marking));
            statusId = s.getString("id");
        }
        try (CamisoServer server = start(Duration.ofMinutes(2))) {
            JsonPath s = status(server, "ncsc-analyst", statusId);
            assertEquals("pending", s.getString("status"), s.prettify());
            assertEquals(1, s.getInt("pending_count"));
            assertEquals(404, objectStatus(server, "ncsc-analyst", "ndn-green", indicator));
            post(server, "ncsc-analyst", "ndn-green", statement(marking));
            storedOnceComplete(server, "ncsc-analyst", statusId, 1, "ndn-green", indicator);
        }
    }
}
