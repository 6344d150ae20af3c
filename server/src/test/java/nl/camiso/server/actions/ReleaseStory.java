package nl.camiso.server.actions;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README story through the real server (Grizzly, H2 or PostgreSQL, the sample network): ISAC Energie's AMBER
 * indicator with its course of action; the DTC is refused without consent; ISAC Energie consents;
 * the DTC releases a sanitised GREEN copy into dtc-green; a DDCA data centre pulls it and asks for
 * the Dutch perspective for action. Then the refusals. Runs on H2 ({@link ReleaseStoryTest}) and
 * on PostgreSQL ({@link ReleaseStoryPostgresTest}); the subclass starts the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReleaseStory {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String ISAC_AMBER = "d892b67c-edf4-4da3-9be6-e423d2e85012";
    static final String DTC_GREEN = "eae7da99-abe2-4a77-821a-4fa87e6e9bdb";
    static final String DDCA_GREEN = "a1cf9ea9-4de4-4a6e-85b5-35d3236ee902";
    static final String INDICATOR = "indicator--1fc45cf8-85aa-4cf0-9744-505a23c973cb";
    static final String COA = "course-of-action--8ff52d5d-4305-4121-b3a6-ea806261791e";
    static final String DUTCH = "language-content--2ccef78e-abc2-4207-8f56-0594c87032b2";
    static final String ISAC = "identity--944ec096-3774-4aaa-ba99-ec94e018e237";
    static final String DTC = "identity--578925df-5f01-4159-823f-4db8c227b8e6";
    static final String CITRIX_INDICATOR = "indicator--a5aebcce-c3a5-4fac-8e81-d653785f397a";
    static final String CITRIX_COA = "course-of-action--81bfb80e-9c70-44e7-b958-85f4795af3ac";
    static final String DDCA_NOTE = "note--5a8184e6-8007-4a6b-be34-e17643a1e702";

    static CamisoServer server;
    static String releasedIndicator;
    static String releasedLink;
    static int dtcGreenBefore = -1;

    static int dtcGreenSize() {
        return as("admin").accept(TAXII).get("ndn/collections/" + DTC_GREEN + "/objects/?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("objects").size();
    }

    static void startWith(ServerOptions options) {
        releasedIndicator = null;
        releasedLink = null;
        dtcGreenBefore = -1;
        server = CamisoServer.start(options);
    }

    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    static RequestSpecification as(String user) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(user, "camiso-demo")
                .accept("application/json");
    }

    static String releaseBody(String... extra) {
        return """
                {"source_collection": "%s", "target_collection": "%s", "object_ids": ["%s"],
                 "include_actions": true, "name_originator": false %s,
                 "sanitised_text": {
                   "%s": {"name": "NetScaler gateway exploitation from two addresses (CVE-2023-4966)",
                          "description": "Citrix Bleed exploitation attempts against remote-access gateways in the energy sector."},
                   "%s": {"name": "Check your NetScaler gateway for these two attackers",
                          "description": "Block both addresses, search your gateway logs since 1 November, patch, and end all sessions when you find them."},
                   "%s": {"contents": {"nl": {"name": "Controleer je NetScaler-gateway op deze twee aanvallers",
                          "description": "Blokkeer beide adressen, zoek in de gateway-logs vanaf 1 november, werk bij en beëindig alle sessies als je ze vindt."}}}
                 }}
                """.formatted(ISAC_AMBER, DTC_GREEN, INDICATOR, String.join("", extra), INDICATOR, COA, DUTCH);
    }

    static Response release(String user, String body) {
        return as(user).contentType("application/json").body(body).post("ndn/x-camiso/releases/");
    }

    @Test
    @Order(1)
    void theSourceSeesItsIndicatorWithItsPerspectiveForAction() {
        JsonPath env = as("isac-energie-analyst").get("ndn/x-camiso/objects/" + INDICATOR + "/actions/")
                .then().statusCode(200).contentType(TAXII).extract().jsonPath();
        List<String> ids = env.getList("objects.id");
        assertEquals(INDICATOR, ids.get(0));
        assertTrue(ids.contains(COA) && ids.contains(DUTCH), ids.toString());
        assertTrue(ids.contains("relationship--ec37386a-2220-4685-9eae-60441db9c3b8"), ids.toString());
        dtcGreenBefore = dtcGreenSize();
    }

    @Test
    @Order(2)
    void theIntermediaryIsRefusedWithoutConsent() {
        release("dtc-analyst", releaseBody()).then().statusCode(403).contentType(TAXII)
                .body("http_status", equalTo("403")).body("description", containsString("consent"));
    }

    @Test
    @Order(3)
    void onlyAPublisherOfTheCollectionMayConsent() {
        as("dtc-analyst").contentType("application/json").body("{\"intermediary\": \"dtc\"}")
                .put("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(403);
        as("kempen-precisie-analyst").contentType("application/json").body("{\"intermediary\": \"dtc\"}")
                .put("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(404);
        as("isac-energie-analyst").contentType("application/json").body("{\"intermediary\": \"ncsc\"}")
                .put("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(400);
    }

    @Test
    @Order(4)
    void isacEnergieGivesConsent() {
        as("isac-energie-analyst").contentType("application/json")
                .body("{\"intermediary\": \"dtc\", \"name_originator\": false}")
                .put("ndn/x-camiso/consents/" + ISAC_AMBER + "/")
                .then().statusCode(200).contentType("application/json")
                .body("originator", equalTo("isac-energie")).body("intermediary", equalTo("dtc"))
                .body("name_originator", equalTo(false));
    }

    @Test
    @Order(5)
    void refusalsAfterConsent() {
        // the originator did not agree to be named
        release("dtc-analyst", releaseBody(", \"name_originator\": true").replace("\"name_originator\": false ,", ""))
                .then().statusCode(403).body("description", containsString("named"));
        // free text without sanitised text
        release("dtc-analyst", """
                {"source_collection": "%s", "target_collection": "%s", "object_ids": ["%s"], "include_actions": false}
                """.formatted(ISAC_AMBER, DTC_GREEN, INDICATOR)).then().statusCode(400)
                .body("description", containsString("free text"));
        // not wider: AMBER into AMBER
        release("dtc-analyst", releaseBody().replace(DTC_GREEN, "ndn-amber")).then().statusCode(400)
                .body("description", containsString("less strict"));
        // no write right on the target
        release("dtc-analyst", releaseBody().replace(DTC_GREEN, "ddca-green")).then().statusCode(403)
                .body("description", containsString("may not write"));
        // an object the releaser may not read: 404, same as one that does not exist
        String unreadable = "indicator--00000000-0000-4000-8000-000000000000";
        release("dtc-analyst", releaseBody().replace("[\"" + INDICATOR + "\"]", "[\"" + unreadable + "\"]"))
                .then().statusCode(404);
        // a source collection the requester may not read
        release("kempen-precisie-analyst", releaseBody()).then().statusCode(404);
    }

    @Test
    @Order(6)
    void theDtcReleasesASanitisedGreenCopy() {
        JsonPath env = release("dtc-analyst", releaseBody()).then().statusCode(201).contentType(TAXII)
                .extract().jsonPath();
        List<Map<String, Object>> copies = env.getList("objects");
        assertEquals(4, copies.size(), "indicator, course of action, mitigates, Dutch text");
        assertEquals(dtcGreenBefore + 4, dtcGreenSize(), "the copies, and nothing from the refused attempts");
        String all = env.prettify();
        for (String trace : List.of(INDICATOR, COA, DUTCH, "relationship--ec37386a-2220-4685-9eae-60441db9c3b8", ISAC,
                "x_isac_energie_case", "IE-2026-117", "2026-11-24T14:05:00.000Z", "control-room",
                "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421")) {
            assertFalse(all.contains(trace), () -> "the release contains " + trace + ":\n" + all);
        }
        for (Map<String, Object> c : copies) {
            assertEquals(DTC, c.get("created_by_ref"));
            assertEquals(List.of("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"), c.get("object_marking_refs"));
            assertNull(c.get("granular_markings"));
            assertTrue(c.keySet().stream().noneMatch(k -> k.startsWith("x_")), c.keySet().toString());
        }
        releasedIndicator = copies.stream().filter(c -> "indicator".equals(c.get("type")))
                .map(c -> (String) c.get("id")).findFirst().orElseThrow();
        releasedLink = copies.stream().filter(c -> "relationship".equals(c.get("type")))
                .map(c -> (String) c.get("id")).findFirst().orElseThrow();
    }

    @Test
    @Order(7)
    void aDataCentrePullsItAndGetsTheDutchPerspectiveForAction() {
        assertNotNull(releasedIndicator, "needs the release");
        List<String> feed = as("amstel-dc-analyst").accept(TAXII)
                .get("ndn/collections/" + DTC_GREEN + "/objects/?match[type]=indicator&limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("objects.id");
        assertTrue(feed.contains(releasedIndicator), feed.toString());

        Response r = as("amstel-dc-analyst").get("ndn/x-camiso/objects/" + releasedIndicator + "/actions/?lang=nl");
        r.then().statusCode(200).contentType(TAXII).header("Content-Language", "nl");
        List<Map<String, Object>> objects = r.jsonPath().getList("objects");
        assertEquals(List.of("indicator", "course-of-action", "language-content", "relationship"),
                objects.stream().map(o -> o.get("type")).toList());
        assertEquals(objects.get(1).get("id"), objects.get(2).get("object_ref"), "Dutch text right after its course of action");
        assertEquals("Controleer je NetScaler-gateway op deze twee aanvallers",
                r.jsonPath().getString("objects[2].contents.nl.name"));

        // Accept-Language works the same
        as("amstel-dc-analyst").header("Accept-Language", "nl-NL, en;q=0.5")
                .get("ndn/x-camiso/objects/" + releasedIndicator + "/actions/")
                .then().statusCode(200).header("Content-Language", "nl");
    }

    @Test
    @Order(8)
    void notesOfTheInitiativeAreIncludedForItsMembersOnly() {
        List<String> ids = as("amstel-dc-analyst").get("ndn/x-camiso/objects/" + CITRIX_INDICATOR + "/actions/?lang=nl")
                .then().statusCode(200).extract().jsonPath().getList("objects.id");
        assertEquals(CITRIX_INDICATOR, ids.get(0));
        assertTrue(ids.contains(CITRIX_COA) && ids.contains(DDCA_NOTE), ids.toString());
        List<String> other = as("kempen-precisie-analyst").get("ndn/x-camiso/objects/" + CITRIX_INDICATOR + "/actions/")
                .then().statusCode(200).extract().jsonPath().getList("objects.id");
        assertTrue(other.contains(CITRIX_COA), other.toString());
        assertFalse(other.contains(DDCA_NOTE), "a Brainport company may not read ddca-green");
    }

    @Test
    @Order(9)
    void unreadableObjectsAreNotFound() {
        // the AMBER original: Brainport may not read it; answered exactly like a missing id
        Response hidden = as("kempen-precisie-analyst").get("ndn/x-camiso/objects/" + INDICATOR + "/actions/");
        Response missing = as("kempen-precisie-analyst")
                .get("ndn/x-camiso/objects/indicator--00000000-0000-4000-8000-000000000000/actions/");
        hidden.then().statusCode(404).contentType(TAXII);
        missing.then().statusCode(404);
        assertEquals(missing.body().asString(), hidden.body().asString());
        as("amstel-dc-analyst").get("ndn/x-camiso/objects/not-an-id/actions/").then().statusCode(400);
        given().baseUri(server.baseUri().toString()).get("ndn/x-camiso/objects/" + INDICATOR + "/actions/")
                .then().statusCode(401);
    }

    @Test
    @Order(10)
    void consentCanBeWithdrawn() {
        as("isac-energie-analyst").delete("ndn/x-camiso/consents/" + ISAC_AMBER + "/?intermediary=dtc")
                .then().statusCode(204);
        release("dtc-analyst", releaseBody()).then().statusCode(403);
        as("isac-energie-analyst").delete("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(404);
        // the originator itself may still release its own objects
        release("isac-energie-analyst", releaseBody().replace(DTC_GREEN, "ndn-green")).then().statusCode(201)
                .body("objects[0].created_by_ref", equalTo(ISAC));
    }

    @Test
    @Order(11)
    void deletingTheLinkRemovesTheCourseOfActionFromTheAnswer() {
        assertNotNull(releasedLink, "needs the release");
        as("admin").accept(TAXII).delete("ndn/collections/" + DTC_GREEN + "/objects/" + releasedLink + "/")
                .then().statusCode(200);
        List<String> types = as("amstel-dc-analyst").get("ndn/x-camiso/objects/" + releasedIndicator + "/actions/?lang=nl")
                .then().statusCode(200).header("Content-Language", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getList("objects.type");
        assertEquals(List.of("indicator"), types);
    }

    @Test
    @Order(12)
    void theLinkFromOriginalToCopyIsInTheAuditTrailOnly() {
        assertNotNull(releasedIndicator, "needs the release");
        List<Map<String, Object>> entries = as("supervisor").get("x-camiso/audit/?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("entries");
        List<String> actions = entries.stream().map(e -> (String) e.get("action")).toList();
        assertTrue(actions.contains("consent-given") && actions.contains("consent-withdrawn"), actions.toString());
        Map<String, Object> release = entries.stream()
                .filter(e -> "release".equals(e.get("action")) && ((List<?>) e.get("object_ids")).contains(releasedIndicator))
                .findFirst().orElseThrow(() -> new AssertionError("no release entry for " + releasedIndicator));
        assertEquals(List.of(INDICATOR, releasedIndicator), release.get("object_ids"));
        assertEquals("dtc-analyst", release.get("actor"));
        assertEquals("dtc", release.get("organisation"));
        assertEquals(DTC_GREEN, release.get("collection"));
    }

    @Test
    @Order(13)
    void theAuditAccusesNobodyOfLookingUpWhatDoesNotExist() {
        String unknown = "indicator--00000000-0000-4000-8000-00000000abcd";
        as("isac-energie-analyst").get("ndn/x-camiso/objects/" + unknown + "/actions/").then().statusCode(404);
        List<Map<String, Object>> denials = as("supervisor").get("x-camiso/audit/?action=access-denied&limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("entries");
        List<Map<String, Object>> lookups = denials.stream()
                .filter(e -> String.valueOf(e.get("detail")).contains("/actions")).toList();
        // only Brainport's look at ISAC Energie's AMBER indicator was refused (in step 9); missing ids were not
        assertEquals(1, lookups.size(), lookups.toString());
        assertEquals("kempen-precisie-analyst", lookups.get(0).get("actor"));
        assertEquals(ISAC_AMBER, lookups.get(0).get("collection"));
        assertTrue(String.valueOf(lookups.get(0).get("detail")).contains(INDICATOR));
    }

    @Test
    @Order(14)
    void anIntermediaryNamesTheOriginatorOnlyInAReleaseItConsentedTo() {
        as("isac-energie-analyst").contentType("application/json")
                .body("{\"intermediary\": \"dtc\", \"name_originator\": true}")
                .put("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(200);
        JsonPath env = release("dtc-analyst", releaseBody(", \"name_originator\": true")
                .replace("\"name_originator\": false ,", "")).then().statusCode(201).extract().jsonPath();
        List<Map<String, Object>> copies = env.getList("objects");
        assertEquals(4, copies.size());
        copies.forEach(c -> assertEquals(ISAC, c.get("created_by_ref")));
        // outside a release the intermediary cannot publish in the originator's name
        String indicator = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
                + java.util.UUID.randomUUID() + "\",\"created_by_ref\":\"" + ISAC + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"name\":\"Not really from ISAC Energie\",\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.78']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-11-21T10:00:00Z\","
                + "\"object_marking_refs\":[\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"]}";
        JsonPath status = as("dtc-analyst").accept(TAXII).contentType(TAXII).body("{\"objects\":[" + indicator + "]}")
                .post("ndn/collections/" + DTC_GREEN + "/objects/").then().statusCode(202).extract().jsonPath();
        assertEquals(0, status.getInt("success_count"), status.prettify());
        assertTrue(status.getString("failures[0].message").contains("not the identity of your organisation dtc"));
    }

    static int size(String collection) {
        return as("admin").accept(TAXII).get("ndn/collections/" + collection + "/objects/?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("objects").size();
    }

    /** The originator's release into ndn-green, with its course of action's copy made invalid (no name). */
    static String releaseWithAnInvalidActionCopy(String extra) {
        return releaseBody(extra).replace(DTC_GREEN, "ndn-green")
                .replace("\"name\": \"Check your NetScaler gateway for these two attackers\"", "\"name\": null");
    }

    @Test
    @Order(15)
    void aReleaseIsAllOrNothingByDefault() {
        int before = size("ndn-green");
        String message = release("isac-energie-analyst", releaseWithAnInvalidActionCopy(""))
                .then().statusCode(400).contentType(TAXII).extract().jsonPath().getString("description");
        assertTrue(message.contains("copy of " + COA), message);
        assertTrue(message.contains("nothing was released"), message);
        assertEquals(before, size("ndn-green"), "no copy stored");
        release("isac-energie-analyst", releaseWithAnInvalidActionCopy(", \"all_or_nothing\": true"))
                .then().statusCode(400);
        assertEquals(before, size("ndn-green"));
    }

    @Test
    @Order(16)
    void withoutAllOrNothingWhatPassesIsReleasedAndTheRefusedAreListed() {
        int before = size("ndn-green");
        JsonPath env = release("isac-energie-analyst", releaseWithAnInvalidActionCopy(", \"all_or_nothing\": false"))
                .then().statusCode(201).contentType(TAXII).extract().jsonPath();
        List<String> types = env.getList("objects.type");
        // only the invalid course of action: the relationship to its missing copy is released like any
        // reference to an id the target collection does not hold (INGEST.md, References)
        assertEquals(List.of(COA), env.getList("refused.id"), env.prettify());
        assertTrue(env.getString("refused[0].message").contains("name"), env.prettify());
        assertTrue(types.contains("indicator") && types.contains("relationship") && !types.contains("course-of-action"),
                types.toString());
        assertEquals(before + types.size(), size("ndn-green"));
        release("isac-energie-analyst", releaseWithAnInvalidActionCopy(", \"all_or_nothing\": \"no\""))
                .then().statusCode(400).body("description", containsString("all_or_nothing"));
    }
}
