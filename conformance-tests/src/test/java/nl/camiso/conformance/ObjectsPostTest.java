package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** §5.5 Add Objects, and the status resource it returns (§4.3.1). */
class ObjectsPostTest extends TaxiiTestBase {

    /** Every required status property, with consistent counts and well-formed details. */
    static void assertStatusShape(JsonNode status) {
        assertTrue(status.path("id").isTextual(), () -> "status id required: " + status);
        assertTrue(List.of("complete", "pending").contains(status.path("status").asText()),
                () -> "status must be complete or pending: " + status);
        for (String count : List.of("total_count", "success_count", "failure_count", "pending_count")) {
            assertTrue(status.path(count).isIntegralNumber() && status.get(count).asLong() >= 0,
                    () -> count + " must be an integer >= 0: " + status);
        }
        assertEquals(status.get("total_count").asLong(),
                status.get("success_count").asLong() + status.get("failure_count").asLong()
                        + status.get("pending_count").asLong(), () -> "counts do not add up: " + status);
        if (status.has("request_timestamp")) {
            assertTaxiiTimestamp("request_timestamp", status.get("request_timestamp").asText());
        }
        for (String[] list : new String[][] {{"successes", "success_count"}, {"failures", "failure_count"},
                {"pendings", "pending_count"}}) {
            JsonNode details = status.path(list[0]);
            if (status.has(list[0])) {
                assertTrue(details.isArray() && details.size() > 0, () -> list[0] + " must be a non-empty list: " + status);
                assertEquals(status.get(list[1]).asInt(), details.size(), () -> list[0] + " vs " + list[1] + ": " + status);
                for (JsonNode d : details) {
                    assertTrue(d.path("id").isTextual() && d.path("version").isTextual(),
                            () -> "status-details need id and version: " + d);
                    if (d.has("message")) {
                        assertTrue(d.get("message").isTextual());
                    }
                }
            }
        }
    }

    @Test
    void postAnswers202WithACompleteStatus() {
        ObjectNode indicator = Stix.indicator();
        ObjectNode malware = Stix.malware();
        Response r = post(Stix.envelope(indicator, malware));
        assertEquals(202, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        JsonNode status = Json.parse(r);
        assertStatusShape(status);
        assertEquals(2, status.get("total_count").asInt());
        status = completed(status);
        assertEquals(2, status.get("success_count").asInt(), status.toString());
        assertEquals(0, status.get("failure_count").asInt(), status.toString());
        if (status.has("successes") || isCamiso()) {
            assertTrue(status.path("successes").isArray(), "successes list expected: " + status);
            for (JsonNode d : status.get("successes")) {
                String id = d.get("id").asText();
                assertTrue(id.equals(idOf(indicator)) || id.equals(idOf(malware)), d.toString());
                // §4.3.1: the version of a STIX object is its modified, exactly as posted
                assertEquals(Stix.CREATED, d.get("version").asText(), d.toString());
            }
        }
        // the objects are there
        assertEquals(2, getOk(objectsUrl(), "match[id]", idOf(indicator) + "," + idOf(malware))
                .path("objects").size());
    }

    @Test
    void duplicatePostIsNotAnErrorAndIsStoredOnce() {
        ObjectNode indicator = Stix.indicator();
        add(indicator);
        Response again = post(Stix.envelope(indicator));
        assertEquals(202, again.statusCode(), again.asString());
        JsonNode status = completed(Json.parse(again));
        assertStatusShape(status);
        assertEquals(0, status.get("failure_count").asInt(), () -> "duplicate reported as failure: " + status);
        assertEquals(1, manifestOf(idOf(indicator)).size(), "the same id+version must be stored once");
    }

    @Test
    void invalidObjectFailsIndividuallyWhileValidOnesAreStored() {
        ObjectNode valid = Stix.indicator();
        ObjectNode invalid = Stix.indicator();
        invalid.remove("pattern");        // pattern and pattern_type are required on an indicator
        invalid.remove("pattern_type");
        Response r = post(Stix.envelope(valid, invalid));
        assertEquals(202, r.statusCode(), r.asString());
        JsonNode status = completed(Json.parse(r));
        assertStatusShape(status);
        assertEquals(2, status.get("total_count").asInt(), status.toString());
        assertEquals(1, status.get("success_count").asInt(), () -> "invalid STIX object accepted: " + status);
        assertEquals(1, status.get("failure_count").asInt(), status.toString());
        assertEquals(idOf(invalid), status.path("failures").path(0).path("id").asText(), status.toString());
        assertEquals(1, getOk(objectsUrl(), "match[id]", idOf(valid)).path("objects").size());
        assertEmptyResult(getOk(manifestUrl(), "match[id]", idOf(invalid)), "objects");
    }

    @Test
    void bodyLargerThanMaxContentLengthIs413() throws Exception {
        long max = target().maxContentLength();
        assumeTrue(max > 0 && max <= 32L * 1024 * 1024, "max_content_length too large to test cheaply: " + max);
        byte[] body = envelopeOfExactly(max + 1);
        URI url = URI.create(objectsUrl());
        if (!"http".equals(url.getScheme())) {
            assertError(taxii().header("Content-Type", TAXII).body(body).post(objectsUrl()), 413);
            return;
        }
        // a server may refuse on Content-Length and close early: see RawHttp
        RawHttp.Result r = RawHttp.post(url, target().user(), target().password(),
                Map.of("Accept", TAXII, "Content-Type", TAXII), body);
        assertEquals(413, r.status());
        String contentType = r.headers().getOrDefault("content-type", "").replace(" ", "").toLowerCase(Locale.ROOT);
        assertTrue(contentType.startsWith("application/taxii+json") && contentType.contains("version=2.1"),
                "413 Content-Type: " + contentType);
    }

    @Test
    void bodyOfExactlyMaxContentLengthIsNot413() {
        long max = target().maxContentLength();
        assumeTrue(max > 0 && max <= 32L * 1024 * 1024, "max_content_length too large to test cheaply: " + max);
        Response r = taxii().header("Content-Type", TAXII).body(envelopeOfExactly(max)).post(objectsUrl());
        assertNotEquals(413, r.statusCode(), "a body of max_content_length octets must be accepted");
        assertEquals(202, r.statusCode(), r.asString());
    }

    /** An envelope with one valid indicator whose description pads the body to {@code size} octets. */
    private static byte[] envelopeOfExactly(long size) {
        ObjectNode indicator = Stix.indicator();
        indicator.put("description", "");
        int base = Stix.envelope(indicator).getBytes(StandardCharsets.UTF_8).length;
        indicator.put("description", "x".repeat((int) (size - base)));
        byte[] body = Stix.envelope(indicator).getBytes(StandardCharsets.UTF_8);
        assertEquals(size, body.length);
        return body;
    }

    /**
     * §5.5: STIX content must arrive in an envelope; anything that is not an object with a list of
     * objects is not understood (400) or unprocessable (422). (A bundle or a single STIX object is
     * outside the letter; CAMISO accepts those, see {@link #camisoAcceptsBundlesAndSingleObjects}.)
     */
    @ParameterizedTest(name = "[{index}] body {0}")
    @ValueSource(strings = {
        "[{\"objects\": []}]",
        "{\"objects\": \"not a list\"}",
        "{\"objects\": [",
        "not json at all",
    })
    void bodyThatIsNotAnEnvelopeIs400Or422(String body) {
        Response r = taxii().header("Content-Type", TAXII).body(body).post(objectsUrl());
        assertError(r, 400, 422);
    }

    /**
     * What python-stix2 (a bundle as taxii+json), OpenCTI's push connector (a bundle as
     * stix+json) and curl users (application/json) send: CAMISO stores it and answers in TAXII.
     */
    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/taxii+json;version=2.1", "application/stix+json;version=2.1",
            "application/stix+json", "application/json"})
    void camisoAcceptsBundlesAndSingleObjects(String contentType) {
        assumeTrue(isCamiso(), "a CAMISO leniency beyond the letter of §5.5");
        ObjectNode a = Stix.indicator();
        ObjectNode b = Stix.malware();
        String bundleId = Stix.newId("bundle");
        String bundle = "{\"type\":\"bundle\",\"id\":\"" + bundleId + "\",\"objects\":[" + a + "," + b + "]}";
        Response r = taxii().header("Content-Type", contentType).body(bundle).post(objectsUrl());
        assertEquals(202, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        JsonNode status = completed(Json.parse(r));
        assertStatusShape(status);
        assertEquals(2, status.path("success_count").asInt(), status.toString());
        ObjectNode single = Stix.attackPattern();
        Response one = taxii().header("Content-Type", contentType).body(single.toString()).post(objectsUrl());
        assertEquals(202, one.statusCode(), one.asString());
        assertTaxiiContentType(one);
        assertEquals(1, completed(Json.parse(one)).path("success_count").asInt());
        for (ObjectNode o : List.of(a, b, single)) {
            assertEquals(idOf(o), getOk(objectUrl(idOf(o))).path("objects").path(0).path("id").asText());
        }
        assertError(get(objectUrl(bundleId)), 404);
    }

    @Test
    void postToReadOnlyCollectionIs403Or404() {
        assumeConfigured("read-only collection", target().roCollection());
        Response r = taxii().header("Content-Type", TAXII).body(Stix.envelope(Stix.indicator()))
                .post(objectsUrl(target().roCollection()));
        assertError(r, 403, 404);
    }
}
