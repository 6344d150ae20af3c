package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** §3.5 pagination over objects and manifest: with {@code next}, and with added_after = X-TAXII-Date-Added-Last. */
class PaginationTest extends TaxiiTestBase {

    private static final int COUNT = 7;
    private static final Set<String> IDS = new LinkedHashSet<>();
    private static String idList;

    /** Seven indicators in one envelope: their date_added may tie, which paging must cope with. */
    @BeforeAll
    static void postObjects() {
        List<ObjectNode> objects = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            objects.add(Stix.indicator());
        }
        add(objects.toArray(ObjectNode[]::new));
        objects.forEach(o -> IDS.add(idOf(o)));
        idList = String.join(",", IDS);
    }

    @ParameterizedTest(name = "{0} with next")
    @ValueSource(strings = {"objects", "manifest"})
    void pagingWithNextNeitherSkipsNorRepeats(String endpoint) {
        String url = endpoint.equals("objects") ? objectsUrl() : manifestUrl();
        List<String> seen = new ArrayList<>();
        String next = null;
        for (int page = 0; page <= COUNT; page++) {
            Response r = next == null ? get(url, "match[id]", idList, "limit", "2")
                    : get(url, "match[id]", idList, "limit", "2", "next", next);
            assertEquals(200, r.statusCode(), r.asString());
            assertTaxiiContentType(r);
            JsonNode body = Json.parse(r);
            assertTrue(body.path("objects").size() <= 2, () -> "page larger than limit: " + body);
            assertDateAddedHeaders(r, body.has("objects"));
            seen.addAll(Json.texts(body.path("objects"), "id"));
            if (!body.path("more").asBoolean()) {
                break;
            }
            assumeTrue(body.hasNonNull("next"), "server pages without next (allowed; see the added_after test)");
            next = body.get("next").asText();
        }
        assertEquals(COUNT, seen.size(), "objects repeated or skipped: " + seen);
        assertEquals(IDS, Set.copyOf(seen));
    }

    @ParameterizedTest(name = "{0} with added_after")
    @ValueSource(strings = {"objects", "manifest"})
    void pagingWithAddedAfterDateAddedLastNeitherSkipsNorRepeats(String endpoint) {
        String url = endpoint.equals("objects") ? objectsUrl() : manifestUrl();
        List<String> seen = new ArrayList<>();
        String addedAfter = null;
        for (int page = 0; page <= COUNT; page++) {
            Response r = addedAfter == null ? get(url, "match[id]", idList, "limit", "2")
                    : get(url, "match[id]", idList, "limit", "2", "added_after", addedAfter);
            assertEquals(200, r.statusCode(), r.asString());
            JsonNode body = Json.parse(r);
            if (!body.has("objects")) {
                break;
            }
            assertDateAddedHeaders(r, true);
            seen.addAll(Json.texts(body.get("objects"), "id"));
            addedAfter = r.getHeader(DATE_ADDED_LAST);
            assertNotNull(addedAfter);
            if (!body.path("more").asBoolean()) {
                break;
            }
        }
        assertEquals(IDS, Set.copyOf(seen), "objects skipped (date_added ties split across pages?): " + seen);
        assertEquals(COUNT, seen.size(), "objects repeated: " + seen);
    }

    /**
     * OpenCTI and Elastic send later pages with only {@code next} (sometimes with another limit):
     * CAMISO's token carries the whole query. It is bound to its collection and account.
     */
    @ParameterizedTest(name = "{0} with next alone")
    @ValueSource(strings = {"objects", "manifest"})
    void camisoNextAloneContinuesTheQuery(String endpoint) {
        assumeTrue(isCamiso(), "a CAMISO leniency: TAXII 2.1 clients send the filters again");
        String url = endpoint.equals("objects") ? objectsUrl() : manifestUrl();
        Response first = get(url, "match[id]", idList, "limit", "2");
        List<String> seen = new ArrayList<>(Json.texts(Json.parse(first).path("objects"), "id"));
        String next = Json.parse(first).path("next").asText();
        String firstNext = next;
        for (int page = 0; page <= COUNT && !next.isEmpty(); page++) {
            // the page size changes on the way, the filters are never sent again
            Response r = page % 2 == 0 ? get(url, "next", next) : get(url, "next", next, "limit", "3");
            assertEquals(200, r.statusCode(), r.asString());
            JsonNode body = Json.parse(r);
            assertTrue(body.path("objects").size() <= (page % 2 == 0 ? 2 : 3), () -> "page larger than limit: " + body);
            seen.addAll(Json.texts(body.path("objects"), "id"));
            next = body.path("more").asBoolean() ? body.path("next").asText() : "";
        }
        assertEquals(List.copyOf(IDS), seen, "objects repeated, skipped or from outside the query");

        char c = firstNext.charAt(5);
        String tampered = firstNext.substring(0, 5) + (c == 'A' ? 'B' : 'A') + firstNext.substring(6);
        assertError(get(url, "next", tampered), 400);
        assertError(get(url, "next", firstNext, "match[type]", "malware"), 400);
        if (target().roCollection() != null) {
            String other = endpoint.equals("objects") ? objectsUrl(target().roCollection())
                    : collectionUrl(target().roCollection()) + "manifest/";
            assertError(get(other, "next", firstNext), 400);
        }
    }

    /** CAMISO promises unique, strictly increasing date_added even within one POST. */
    @Test
    void camisoDateAddedIsStrictlyIncreasingWithinOnePost() {
        assumeTrue(isCamiso(), "a CAMISO guarantee beyond the spec");
        Instant previous = Instant.MIN;
        for (JsonNode record : getOk(manifestUrl(), "match[id]", idList).path("objects")) {
            Instant added = Instant.parse(record.get("date_added").asText());
            assertTrue(added.isAfter(previous), "date_added not strictly increasing");
            previous = added;
        }
    }
}
