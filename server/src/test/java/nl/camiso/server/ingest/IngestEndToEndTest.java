package nl.camiso.server.ingest;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same rules through the whole server (CamisoServer with the database store and the sample
 * network). Skipped while Database is the stub; {@link IngestOverHttpTest} covers the rules meanwhile.
 */
class IngestEndToEndTest {

    static final String TAXII = "application/taxii+json;version=2.1";

    @TempDir
    Path dir;

    @BeforeEach
    void needsStorage() {
    }

    static RequestSpecification as(CamisoServer server, String user) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(user, "camiso-demo");
    }

    @Test
    void amberIsRefusedFromGreenAndFermReportsReachTheHubAnonymised() {
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            String amber = IngestOverHttpTest.indicator(IngestOverHttpTest.id("indicator"), TlpMarkings.TLP2_AMBER, null);
            JsonPath refused = as(server, "ncsc-analyst").accept(TAXII).contentType(TAXII)
                    .body("{\"objects\":[" + amber + "]}").post("ndn/collections/ndn-green/objects/")
                    .then().statusCode(202).extract().jsonPath();
            assertEquals("object is TLP:AMBER, collection ndn-green is TLP:GREEN; an object may not be stricter"
                    + " than its collection", refused.getString("failures[0].message"));

            as(server, "koelhuis-botlek-analyst").accept(TAXII).contentType(TAXII)
                    .body("{\"objects\":[" + IngestOverHttpTest.memberSighting(IngestOverHttpTest.KOELHUIS, 2,
                            "2026-11-19T08:00:00.000Z", "2026-11-19T09:00:00.000Z") + "]}")
                    .post("ndn/collections/ferm-reports/objects/").then().statusCode(202);
            JsonPath forwarded = as(server, "ferm-analyst").accept("application/json").contentType("application/json")
                    .body("{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\"}")
                    .post("ndn/x-camiso/sightings/forward/").then().statusCode(202).extract().jsonPath();
            assertTrue(forwarded.getInt("success_count") >= 1, forwarded.prettify());
            String hub = as(server, "ncsc-analyst").accept(TAXII)
                    .get("ndn/collections/ndn-reports/objects/?match[id]=" + String.join(",",
                            forwarded.getList("successes.id", String.class)))
                    .then().statusCode(200).extract().asString();
            assertTrue(hub.contains(IngestOverHttpTest.CITRIX_INDICATOR), hub);
            assertTrue(!hub.contains("where_sighted_refs") && !hub.contains("INC-4711"), hub);
        }
    }

    /**
     * Relationship first, a restart, then its target in a stricter collection: the status with the
     * warning is the same after the restart, and the relationship reads the same once the target
     * is there.
     */
    @Test
    void aWarnedReferenceSurvivesARestartAndItsLaterTargetChangesNothingForTheRelationshipsReaders() {
        String target = IngestOverHttpTest.id("indicator");
        String rel = IngestOverHttpTest.id("relationship");
        String statusId;
        String warning;
        String before;
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            JsonPath status = as(server, IngestOverHttpTest.KOELHUIS_ANALYST).accept(TAXII).contentType(TAXII)
                    .body("{\"objects\":[" + IngestOverHttpTest.relationship(rel, IngestOverHttpTest.CITRIX_INDICATOR, target)
                            + "]}").post("ndn/collections/ferm-reports/objects/")
                    .then().statusCode(202).extract().jsonPath();
            statusId = status.getString("id");
            warning = status.getString("successes[0].message");
            assertEquals(IngestOverHttpTest.unknownWarning(target), warning, status.prettify());
            before = as(server, IngestOverHttpTest.KOELHUIS_ANALYST).accept(TAXII)
                    .get("ndn/collections/ferm-reports/objects/" + rel + "/").then().statusCode(200).extract().asString();
        }
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            JsonPath again = as(server, IngestOverHttpTest.KOELHUIS_ANALYST).accept(TAXII).get("ndn/status/" + statusId + "/")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("complete", again.getString("status"));
            assertEquals(warning, again.getString("successes[0].message"), again.prettify());

            JsonPath later = as(server, "ferm-analyst").accept(TAXII).contentType(TAXII)
                    .body("{\"objects\":[" + IngestOverHttpTest.indicator(target, TlpMarkings.TLP2_AMBER, null) + "]}")
                    .post("ndn/collections/ferm-amber/objects/").then().statusCode(202).extract().jsonPath();
            assertEquals(1, later.getInt("success_count"), later.prettify());
            assertEquals(before, as(server, IngestOverHttpTest.KOELHUIS_ANALYST).accept(TAXII)
                    .get("ndn/collections/ferm-reports/objects/" + rel + "/").then().statusCode(200).extract().asString());
            as(server, IngestOverHttpTest.KOELHUIS_ANALYST).accept(TAXII)
                    .get("ndn/collections/ferm-amber/objects/" + target + "/").then().statusCode(404);
            as(server, "maasvlakte-stuwadoors-analyst").accept(TAXII)
                    .get("ndn/collections/ferm-amber/objects/" + target + "/").then().statusCode(200);
        }
    }
}
