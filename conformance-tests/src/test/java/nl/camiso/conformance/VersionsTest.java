package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** §5.8 Get Object Versions. */
class VersionsTest extends TaxiiTestBase {

    @Test
    void listsEveryVersionWithHeaders() {
        String id = Fixtures.get().versioned;
        Response r = get(versionsUrl(id));
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        JsonNode versions = Json.parse(r);
        assertNoEmptyLists(versions);
        // the spec does not fix the order of this list (its example is ascending)
        assertEquals(Set.of(Fixtures.V1, Fixtures.V2, Fixtures.V3), Set.copyOf(Json.texts(versions.path("versions"))));
        assertEquals(3, versions.path("versions").size());
        assertDateAddedHeaders(r, true);
        List<JsonNode> manifest = manifestOf(id);
        assertEquals(manifest.get(0).get("date_added").asText(), r.getHeader(DATE_ADDED_FIRST));
        assertEquals(manifest.get(2).get("date_added").asText(), r.getHeader(DATE_ADDED_LAST));
    }

    @Test
    void unversionedObjectHasItsCreatedAsOnlyVersion() {
        JsonNode versions = getOk(versionsUrl(idOf(Fixtures.get().marking)));
        assertEquals(List.of(Stix.CREATED), Json.texts(versions.path("versions")));
    }

    @Test
    void pagesWithLimitAndAddedAfterDateAddedLast() {
        String id = Fixtures.get().versioned;
        List<String> seen = new ArrayList<>();
        String addedAfter = null;
        for (int page = 0; page < 10; page++) {
            Response r = addedAfter == null ? get(versionsUrl(id), "limit", "1")
                    : get(versionsUrl(id), "limit", "1", "added_after", addedAfter);
            assertEquals(200, r.statusCode(), r.asString());
            JsonNode body = Json.parse(r);
            if (!body.has("versions")) {
                break;
            }
            assertEquals(1, body.get("versions").size(), body.toString());
            assertDateAddedHeaders(r, true);
            seen.addAll(Json.texts(body.get("versions")));
            addedAfter = r.getHeader(DATE_ADDED_LAST);
            if (!body.path("more").asBoolean()) {
                break;
            }
        }
        assertEquals(Set.of(Fixtures.V1, Fixtures.V2, Fixtures.V3), Set.copyOf(seen));
        assertEquals(3, seen.size(), "no version repeated: " + seen);
    }

    @Test
    void specVersionFilter() {
        String id = Fixtures.get().versioned;
        assertEquals(3, getOk(versionsUrl(id), "match[spec_version]", "2.1").path("versions").size());
        Response r = get(versionsUrl(id), "match[spec_version]", "2.0");
        if (r.statusCode() == 200) {
            assertEmptyResult(Json.parse(r), "versions");
        } else {
            assertError(r, 404);
        }
    }

    @Test
    void unknownObjectIs404() {
        assertError(get(versionsUrl(Stix.newId("indicator"))), 404);
    }
}
