package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of every conformance test: the target server, request builders for each endpoint and
 * the assertions the TAXII 2.1 spec makes on every response.
 */
@ExtendWith(TaxiiTarget.class)
abstract class TaxiiTestBase {

    static final String TAXII = TaxiiTarget.TAXII;

    /** TAXII timestamp (§2): RFC 3339, UTC, exactly six fractional digits. */
    static final Pattern TAXII_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

    static final String DATE_ADDED_FIRST = "X-TAXII-Date-Added-First";
    static final String DATE_ADDED_LAST = "X-TAXII-Date-Added-Last";

    static TaxiiTarget.Target target() {
        return TaxiiTarget.target();
    }

    // ---- requests -------------------------------------------------------------------------

    /** Authenticated as the main user, asking for TAXII 2.1. */
    static RequestSpecification taxii() {
        return as(target().user(), target().password());
    }

    static RequestSpecification as(String user, String password) {
        return RestAssured.given().auth().preemptive().basic(user, password).header("Accept", TAXII);
    }

    static RequestSpecification anonymous() {
        return RestAssured.given().header("Accept", TAXII);
    }

    static String discoveryUrl() {
        return target().base().resolve("taxii2/").toString();
    }

    static String apiRootUrl() {
        return target().apiRoot().toString();
    }

    static String collectionsUrl() {
        return apiRootUrl() + "collections/";
    }

    static String collectionUrl(String collection) {
        return collectionsUrl() + collection + "/";
    }

    static String objectsUrl(String collection) {
        return collectionUrl(collection) + "objects/";
    }

    static String objectsUrl() {
        return objectsUrl(target().rwCollection());
    }

    static String manifestUrl() {
        return collectionUrl(target().rwCollection()) + "manifest/";
    }

    static String objectUrl(String objectId) {
        return objectsUrl() + objectId + "/";
    }

    static String versionsUrl(String objectId) {
        return objectUrl(objectId) + "versions/";
    }

    static String statusUrl(String statusId) {
        return apiRootUrl() + "status/" + statusId + "/";
    }

    /** GET with query parameters given as name, value pairs (a name may repeat). */
    static Response get(String url, String... nameValuePairs) {
        return withParams(taxii(), nameValuePairs).get(url);
    }

    static RequestSpecification withParams(RequestSpecification spec, String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        // repeated names must arrive as repeated parameters, so collect values per name
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            String name = nameValuePairs[i];
            List<String> values = new ArrayList<>();
            boolean seen = false;
            for (int j = 0; j < i; j += 2) {
                seen |= nameValuePairs[j].equals(name);
            }
            if (seen) {
                continue;
            }
            for (int j = i; j < nameValuePairs.length; j += 2) {
                if (nameValuePairs[j].equals(name)) {
                    values.add(nameValuePairs[j + 1]);
                }
            }
            spec = spec.queryParam(name, values);
        }
        return spec;
    }

    /** GET that must answer 200 with a TAXII body; returns the body. */
    static JsonNode getOk(String url, String... nameValuePairs) {
        Response r = get(url, nameValuePairs);
        assertEquals(200, r.statusCode(), () -> "GET " + url + " " + Arrays.toString(nameValuePairs) + ": " + r.asString());
        assertTaxiiContentType(r);
        return Json.parse(r);
    }

    static Response post(String envelope) {
        return taxii().header("Content-Type", TAXII).body(envelope).post(objectsUrl());
    }

    /** POSTs the objects in one envelope, expects every one of them to succeed; returns the final status. */
    static JsonNode add(ObjectNode... objects) {
        Response r = post(Stix.envelope(objects));
        assertEquals(202, r.statusCode(), () -> "POST objects: " + r.asString());
        assertTaxiiContentType(r);
        JsonNode status = completed(Json.parse(r));
        assertEquals(objects.length, status.path("success_count").asInt(-1), () -> "not all objects stored: " + status);
        return status;
    }

    /** Polls a pending status until it completes (a synchronous server returns it complete at once). */
    static JsonNode completed(JsonNode status) {
        long deadline = System.currentTimeMillis() + 30_000;
        while ("pending".equals(status.path("status").asText()) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = getOk(statusUrl(status.path("id").asText()));
        }
        assertEquals("complete", status.path("status").asText(), "status did not complete: " + status);
        return status;
    }

    /** The manifest records of the given ids (all versions), in the server's order. */
    static List<JsonNode> manifestOf(String... ids) {
        JsonNode m = getOk(manifestUrl(), "match[id]", String.join(",", ids), "match[version]", "all");
        List<JsonNode> out = new ArrayList<>();
        m.path("objects").forEach(out::add);
        return out;
    }

    static String idOf(ObjectNode o) {
        return o.path("id").asText();
    }

    // ---- assertions the spec makes on responses ------------------------------------------

    /** §3.1: every response, errors included, is {@code application/taxii+json;version=2.1}. */
    static void assertTaxiiContentType(Response r) {
        String contentType = r.getHeader("Content-Type");
        assertNotNull(contentType, () -> "no Content-Type on HTTP " + r.statusCode());
        String[] parts = contentType.split(";");
        assertEquals("application/taxii+json", parts[0].trim().toLowerCase(Locale.ROOT),
                () -> "Content-Type of HTTP " + r.statusCode() + ": " + contentType);
        boolean version21 = Arrays.stream(parts).skip(1).map(p -> p.replace(" ", "").toLowerCase(Locale.ROOT))
                .anyMatch(p -> p.equals("version=2.1"));
        assertTrue(version21, () -> "Content-Type lacks version=2.1 on HTTP " + r.statusCode() + ": " + contentType);
    }

    /**
     * An error response: one of the allowed codes, the TAXII media type and, when there is a
     * body, a valid error resource (§3.6.1). Our own server must always send the body.
     */
    static JsonNode assertError(Response r, int... allowedCodes) {
        int code = r.statusCode();
        assertTrue(Arrays.stream(allowedCodes).anyMatch(c -> c == code),
                () -> "expected HTTP " + Arrays.toString(allowedCodes) + ", got " + code + ": " + r.asString());
        assertTaxiiContentType(r);
        if (r.asByteArray().length == 0) {
            assertFalse(target().camiso(), "CAMISO sends an error resource with every error");
            return null;
        }
        JsonNode error = Json.parse(r);
        assertTrue(error.isObject(), () -> "error body is not a JSON object: " + error);
        assertTrue(error.path("title").isTextual(), () -> "error resource needs a string title: " + error);
        if (error.has("http_status")) {
            assertTrue(error.get("http_status").isTextual(), () -> "http_status must be a string: " + error);
            assertEquals(String.valueOf(code), error.get("http_status").asText(), "http_status must equal the status");
        }
        for (String property : List.of("description", "error_id", "error_code", "external_details")) {
            if (error.has(property)) {
                assertTrue(error.get(property).isTextual(), () -> property + " must be a string: " + error);
            }
        }
        if (error.has("details")) {
            assertTrue(error.get("details").isObject(), () -> "details must be a dictionary: " + error);
        }
        return error;
    }

    static void assertTaxiiTimestamp(String what, String value) {
        assertNotNull(value, what + " is missing");
        assertTrue(TAXII_TIMESTAMP.matcher(value).matches(),
                () -> what + " is not a TAXII timestamp (UTC, 6 fractional digits): " + value);
    }

    /**
     * §3.2: X-TAXII-Date-Added-First/Last on a 200 of objects/object/manifest/versions. The spec
     * gives them no value for an empty page (issue #117); when sent there they must still be
     * timestamps, never placeholders.
     */
    static void assertDateAddedHeaders(Response r, boolean nonEmpty) {
        String first = r.getHeader(DATE_ADDED_FIRST);
        String last = r.getHeader(DATE_ADDED_LAST);
        if (!nonEmpty && first == null && last == null) {
            return;
        }
        assertTaxiiTimestamp(DATE_ADDED_FIRST, first);
        assertTaxiiTimestamp(DATE_ADDED_LAST, last);
        assertFalse(Instant.parse(last).isBefore(Instant.parse(first)), "Date-Added-Last before First");
    }

    /** §3.7, §2: an empty result omits the list (no empty lists), and says nothing about more pages. */
    static void assertEmptyResult(JsonNode body, String listKey) {
        assertTrue(body.isObject(), () -> "not a JSON object: " + body);
        assertFalse(body.has(listKey), () -> "empty result must omit '" + listKey + "': " + body);
        if (body.has("more")) {
            assertFalse(body.get("more").asBoolean(), () -> "empty final result with more=true: " + body);
        }
    }

    /** §2: a list, when present, has at least one value. */
    static void assertNoEmptyLists(JsonNode node) {
        if (node.isArray()) {
            assertTrue(node.size() > 0, "empty list in response");
        }
        node.forEach(TaxiiTestBase::assertNoEmptyLists);
    }

    static void assumeConfigured(String what, Object value) {
        assumeTrue(value != null, what + " not configured or not found on this server");
    }

    static boolean isCamiso() {
        return target().camiso();
    }
}
