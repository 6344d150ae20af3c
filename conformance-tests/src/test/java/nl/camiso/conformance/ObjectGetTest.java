package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.6 Get an Object. */
class ObjectGetTest extends TaxiiTestBase {

    @Test
    void objectComesInAnEnvelopeWithHeaders() {
        Fixtures f = Fixtures.get();
        Response r = get(objectUrl(idOf(f.malware)));
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        JsonNode envelope = Json.parse(r);
        assertEquals(1, envelope.path("objects").size(), envelope.toString());
        assertEquals(f.malware, envelope.get("objects").get(0));
        assertDateAddedHeaders(r, true);
        assertEquals(r.getHeader(DATE_ADDED_FIRST), r.getHeader(DATE_ADDED_LAST));
    }

    /**
     * §5.6 describes an empty envelope when nothing matches, §5.7 and the endpoint's table a 404;
     * medallion answers 404. Either is accepted.
     */
    @Test
    void unknownObjectIs404OrAnEmptyEnvelope() {
        Response r = get(objectUrl(Stix.newId("indicator")));
        if (r.statusCode() == 200) {
            assertTaxiiContentType(r);
            assertEmptyResult(Json.parse(r), "objects");
        } else {
            assertError(r, 404);
        }
    }

    @ParameterizedTest(name = "match[version]={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<absent>                  | 2024-03-01T00:00:00.000Z",
        "last                      | 2024-03-01T00:00:00.000Z",
        "first                     | 2024-01-01T00:00:00.000Z",
        "all                       | 2024-01-01T00:00:00.000Z,2024-02-01T00:00:00.000Z,2024-03-01T00:00:00.000Z",
        "2024-02-01T00:00:00.000Z  | 2024-02-01T00:00:00.000Z",
        "first,last                | 2024-01-01T00:00:00.000Z,2024-03-01T00:00:00.000Z",
    })
    void matchVersion(String version, String expected) {
        String id = Fixtures.get().versioned;
        JsonNode envelope = version.equals("<absent>") ? getOk(objectUrl(id))
                : getOk(objectUrl(id), "match[version]", version);
        // versions come in date_added order, which here is the posting order V1, V2, V3
        assertEquals(List.of(expected.split(",")), Json.texts(envelope.path("objects"), "modified"));
    }

    @Test
    void allVersionsPageWithLimit() {
        String id = Fixtures.get().versioned;
        JsonNode page = getOk(objectUrl(id), "match[version]", "all", "limit", "1");
        assertEquals(List.of(Fixtures.V1), Json.texts(page.path("objects"), "modified"));
        assertTrue(page.path("more").asBoolean(), page.toString());
    }

    @Test
    void addedAfterFiltersVersions() {
        String id = Fixtures.get().versioned;
        List<JsonNode> manifest = manifestOf(id);
        String firstAdded = manifest.get(0).get("date_added").asText();
        JsonNode envelope = getOk(objectUrl(id), "match[version]", "all", "added_after", firstAdded);
        assertEquals(List.of(Fixtures.V2, Fixtures.V3), Json.texts(envelope.path("objects"), "modified"));
    }

    @Test
    void specVersionFilter() {
        String id = idOf(Fixtures.get().malware);
        assertEquals(1, getOk(objectUrl(id), "match[spec_version]", "2.1").path("objects").size());
        Response r = get(objectUrl(id), "match[spec_version]", "2.0");
        if (r.statusCode() == 200) {
            assertEmptyResult(Json.parse(r), "objects");
        } else {
            assertError(r, 404);
        }
    }
}
