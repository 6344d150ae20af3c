package nl.camiso.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.testing.HttpTestBase;
import nl.camiso.taxii.testing.TestCatalog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** §5.5 Add Objects and §4.3 Get Status. */
class AddObjectsTest extends HttpTestBase {

    private static Response postRaw(String path, String body) {
        return alice().contentType(TAXII).body(body).post(path);
    }

    @Test
    void validObjectsAreStoredWhileBadOnesFailIndividually() {
        String good = newId("indicator");
        String refused = newId("indicator");
        String noId = "{\"type\":\"indicator\",\"spec_version\":\"2.1\"}";
        String refusedJson = indicator(refused, "2021-01-01T00:00:00.000Z").replace("}", ",\"x_refuse\":true}");
        Response r = postRaw(RW + "objects/", envelope(indicator(good, "2021-01-01T00:00:00.000Z"), noId, refusedJson));
        r.then().statusCode(202).contentType(equalTo(TAXII))
                .body("status", equalTo("complete"))
                .body("request_timestamp", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"))
                .body("total_count", equalTo(3))
                .body("success_count", equalTo(1))
                .body("failure_count", equalTo(2))
                .body("pending_count", equalTo(0))
                .body("successes.id", contains(good))
                .body("successes[0].version", equalTo("2021-01-01T00:00:00.000Z"))
                .body("failures.message", contains(containsString("id"), equalTo("refused by policy")))
                .body("failures[1].id", equalTo(refused))
                .body("pendings", nullValue());
        assertEquals(1, STORE.size(TestCatalog.RW.id()));

        String statusId = r.jsonPath().getString("id");
        String posted = r.asString();
        // taxii2-client asks for the status without a trailing slash
        String read = alice().get("/ndn/status/" + statusId).then().statusCode(200).contentType(equalTo(TAXII))
                .extract().asString();
        assertEquals(posted, read);
    }

    @Test
    void policyWarningsGoIntoSuccessMessagesAndTheStoredStatus() {
        String warned = newId("indicator");
        String plain = newId("indicator");
        String warnedJson = indicator(warned, "2021-01-01T00:00:00.000Z").replace("}", ",\"x_warn\":true}");
        String noId = "{\"type\":\"indicator\",\"spec_version\":\"2.1\"}";
        Response r = postRaw(RW + "objects/", envelope(warnedJson, indicator(plain, "2021-01-01T00:00:00.000Z"), noId));
        r.then().statusCode(202)
                .body("success_count", equalTo(2))
                .body("successes.id", contains(warned, plain))
                // the policy saw the valid objects of the envelope: two, not the invalid third
                .body("successes[0].message", equalTo("warned; envelope of 2"))
                .body("successes[1].message", nullValue());
        alice().get("/ndn/status/" + r.jsonPath().getString("id") + "/").then().statusCode(200)
                .body("successes[0].message", equalTo("warned; envelope of 2"));
    }

    @Test
    void validatorErrorsAreTheFailureMessage() throws Exception {
        String bad = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + newId("indicator")
                + "\",\"created\":\"not a date\",\"modified\":\"2021-01-01T00:00:00.000Z\"}";
        var report = new StixValidator().validateObject(StixJson.parse(bad));
        Assumptions.assumeFalse(report.isValid(), "the stix-model validator is still a stub");
        postRaw(RW + "objects/", envelope(bad)).then().statusCode(202)
                .body("failure_count", equalTo(1))
                .body("failures[0].message", containsString(report.errors().get(0).message()));
    }

    @Test
    void theRulesAcrossObjectsJudgeTheWholeEnvelope() {
        String id = newId("indicator");
        String v1 = indicator(id, "2021-01-01T00:00:00.000Z");
        String newCreated = indicator(id, "2021-02-01T00:00:00.000Z").replace("2021-01-01T00:00:00.000Z\",\"modified",
                "2021-01-15T00:00:00.000Z\",\"modified");
        String uuid = id.substring(id.indexOf("--") + 2);
        String sameUuid = indicator("indicator--" + uuid, "2021-01-01T00:00:00.000Z").replace("indicator--" + uuid,
                "course-of-action--" + uuid).replace("\"type\":\"indicator\"", "\"type\":\"course-of-action\"")
                .replace("\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\",\"valid_from\":\"2021-01-01T00:00:00Z\"",
                        "\"name\":\"block\"");
        Response r = postRaw(RW + "objects/", envelope(v1, newCreated, sameUuid));
        r.then().statusCode(202)
                .body("successes.id", contains(id, "course-of-action--" + uuid))
                .body("successes[1].message", containsString("(§2.9)"))
                .body("failures.id", contains(id))
                .body("failures[0].version", equalTo("2021-02-01T00:00:00.000Z"))
                .body("failures[0].message", containsString("'created' never changes between versions of an object (§3.2)"));
    }

    @Test
    void duplicatesAreStoredOnceAndReportedAsSuccess() {
        String id = newId("indicator");
        String obj = indicator(id, "2021-01-01T00:00:00.000Z");
        postRaw(RW + "objects/", envelope(obj, obj)).then().statusCode(202)
                .body("total_count", equalTo(1)).body("success_count", equalTo(1));
        postRaw(RW + "objects/", envelope(obj)).then().statusCode(202)
                .body("success_count", equalTo(1)).body("failure_count", equalTo(0));
        assertEquals(1, STORE.size(TestCatalog.RW.id()));
    }

    @Test
    void statusIsOnlyForItsOwner() {
        String id = postRaw(RW + "objects/", envelope(malware(newId("malware")))).jsonPath().getString("id");
        error(anonymous().get("/ndn/status/" + id + "/").then(), 404);
        error(anonymous().header("X-Test-User", "bob").get("/ndn/status/" + id + "/").then(), 404);
        error(alice().get("/ndn/status/" + java.util.UUID.randomUUID() + "/").then(), 404);
    }

    @Test
    void writeRules() {
        error(postRaw("/ndn/collections/" + TestCatalog.RO.id() + "/objects/", envelope(malware(newId("malware"))))
                .then(), 403);
        error(postRaw("/ndn/collections/" + TestCatalog.NONE.id() + "/objects/", envelope(malware(newId("malware"))))
                .then(), 404);
        error(anonymous().contentType(TAXII).body(envelope()).post(RW + "objects/").then(), 404);
        postRaw("/ndn/collections/" + TestCatalog.WO.id() + "/objects/", envelope(malware(newId("malware"))))
                .then().statusCode(202);
    }

    @Test
    void notJsonIs400AndNotAnEnvelopeIs422() {
        error(postRaw(RW + "objects/", "{\"objects\": [").then(), 400).body("description", containsString("JSON"));
        error(postRaw(RW + "objects/", "").then(), 400);
        error(postRaw(RW + "objects/", "[" + malware(newId("malware")) + "]").then(), 422);
        error(postRaw(RW + "objects/", "{\"objects\": {}}").then(), 422);
        error(postRaw(RW + "objects/", "{\"objects\": [1]}").then(), 422);
        assertEquals(0, STORE.size(TestCatalog.RW.id()));
    }

    /** python-stix2's TAXIICollectionSink posts a bundle; its objects are stored, its id is not. */
    @Test
    void aBundleBodyIsStoredLikeAnEnvelope() {
        String indicator = newId("indicator");
        String malware = newId("malware");
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--2f6e8f8a-8d4c-4bd4-9ad1-1d29bd8b2b4e\",\"objects\":["
                + indicator(indicator, "2021-01-01T00:00:00.000Z") + "," + malware(malware) + "]}";
        postRaw(RW + "objects/", bundle).then().statusCode(202).contentType(equalTo(TAXII))
                .body("total_count", equalTo(2)).body("success_count", equalTo(2))
                .body("successes.id", contains(indicator, malware));
        alice().get(RW + "objects/").then().body("objects.id", contains(indicator, malware));
        alice().get(RW + "objects/bundle--2f6e8f8a-8d4c-4bd4-9ad1-1d29bd8b2b4e/").then().statusCode(404);
        postRaw(RW + "objects/", "{\"type\":\"bundle\",\"id\":\"bundle--2f6e8f8a-8d4c-4bd4-9ad1-1d29bd8b2b4e\"}")
                .then().statusCode(202).body("total_count", equalTo(0));
        error(postRaw(RW + "objects/", "{\"type\":\"bundle\",\"objects\":null}").then(), 422);
        error(postRaw(RW + "objects/", "{\"type\":\"bundle\",\"objects\":[1]}").then(), 422);
        assertEquals(2, STORE.size(TestCatalog.RW.id()));
    }

    @Test
    void aSingleObjectBodyIsOneObject() {
        String malware = newId("malware");
        postRaw(RW + "objects/", malware(malware)).then().statusCode(202)
                .body("total_count", equalTo(1)).body("successes.id", contains(malware));
        // a bad single object fails on its own, like one in an envelope
        String broken = newId("indicator");
        postRaw(RW + "objects/", "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + broken + "\"}")
                .then().statusCode(202).body("failure_count", equalTo(1)).body("failures.id", contains(broken));
        assertEquals(1, STORE.size(TestCatalog.RW.id()));
    }

    /** OpenCTI's push connector sends stix+json; curl users often send application/json. */
    @Test
    void stixJsonAndPlainJsonBodiesAreAcceptedAndAnsweredInTaxii() {
        for (String type : List.of("application/stix+json;version=2.1", "application/json")) {
            String id = newId("malware");
            alice().contentType(type).body("{\"type\":\"bundle\",\"id\":\"bundle--" + java.util.UUID.randomUUID()
                            + "\",\"objects\":[" + malware(id) + "]}").post(RW + "objects/")
                    .then().statusCode(202).contentType(equalTo(TAXII)).body("successes.id", contains(id));
        }
        error(alice().contentType("application/stix+json;version=2.0").body(envelope()).post(RW + "objects/").then(),
                415);
        assertEquals(2, STORE.size(TestCatalog.RW.id()));
    }

    @Test
    void emptyEnvelopeIsAcceptedWithNothingToDo() {
        postRaw(RW + "objects/", "{}").then().statusCode(202).body("total_count", equalTo(0))
                .body("successes", nullValue());
    }

    @Test
    void bodyAtTheLimitIsAcceptedAndAboveItIs413() {
        String env = envelope(malware(newId("malware")));
        String atLimit = env + " ".repeat((int) TestCatalog.MAX_CONTENT_LENGTH - env.length());
        postRaw(RW + "objects/", atLimit).then().statusCode(202);
        error(postRaw(RW + "objects/", atLimit + " ").then(), 413);
    }

    @Test
    void chunkedBodyAboveTheLimitIs413() throws Exception {
        byte[] big = (envelope(malware(newId("malware"))) + " ".repeat((int) TestCatalog.MAX_CONTENT_LENGTH))
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + RW + "objects/"))
                .header("Accept", TAXII).header("Content-Type", TAXII).header("X-Test-User", "alice")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertEquals(TAXII, r.headers().firstValue("Content-Type").orElseThrow(), r.headers().toString());
        JsonNode body = StixJson.parse(r.body());
        assertEquals("413", body.get("http_status").textValue());
        assertEquals(0, STORE.size(TestCatalog.RW.id()));
    }

    @Test
    void storedBytesAreTheObjectAsPosted() {
        String obj = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + newId("malware") + "\","
                + "\"created\":\"2021-01-01T00:00:00.000Z\",\"modified\":\"2021-01-01T00:00:00.000Z\","
                + "\"name\":\"x\",\"is_family\":false,\"x_score\":7.0}";
        postRaw(RW + "objects/", envelope(obj)).then().statusCode(202);
        alice().get(RW + "objects/").then().body(containsString(obj)).body("objects", hasSize(1));
    }
}
