package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.3 Get Object Manifests. */
class ManifestTest extends TaxiiTestBase {

    @Test
    void recordsHaveIdDateAddedVersionAndMediaType() {
        Fixtures f = Fixtures.get();
        Response r = get(manifestUrl(), "match[id]", f.typedIds());
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        JsonNode manifest = Json.parse(r);
        assertNoEmptyLists(manifest);
        assertEquals(3, manifest.path("objects").size(), manifest.toString());
        JsonNode collection = getOk(collectionUrl(target().rwCollection()));
        List<String> mediaTypes = collection.has("media_types")
                ? Json.texts(collection.get("media_types")) : List.of("application/stix+json");
        for (JsonNode record : manifest.get("objects")) {
            assertTrue(record.path("id").isTextual(), record.toString());
            assertTaxiiTimestamp("date_added", record.path("date_added").asText(null));
            assertEquals(Stix.CREATED, record.path("version").asText(), "version is the STIX modified, as posted");
            if (record.has("media_type")) {
                assertTrue(mediaTypes.contains(record.get("media_type").asText()),
                        () -> "media_type not among the collection's media_types " + mediaTypes + ": " + record);
            }
        }
        assertDateAddedHeaders(r, true);
        JsonNode records = manifest.get("objects");
        assertEquals(Instant.parse(records.get(0).get("date_added").asText()), Instant.parse(r.getHeader(DATE_ADDED_FIRST)));
        assertEquals(Instant.parse(records.get(records.size() - 1).get("date_added").asText()),
                Instant.parse(r.getHeader(DATE_ADDED_LAST)));
    }

    @Test
    void versionKeepsTheModifiedTextExactly() {
        // a 3-digit and a 4-digit modified must not be re-formatted to 6 digits (STIX needs at least 3)
        ObjectNode a = Stix.indicator(Stix.newId("indicator"), "2016-11-03T12:30:59.000Z");
        ObjectNode b = Stix.indicator(Stix.newId("indicator"), "2016-11-03T12:30:59.1000Z");
        a.put("created", "2016-11-03T12:30:59.000Z");
        a.put("valid_from", "2016-11-03T12:30:59.000Z");
        b.put("created", "2016-11-03T12:30:59.1000Z");
        b.put("valid_from", "2016-11-03T12:30:59.1000Z");
        add(a, b);
        assertEquals(List.of("2016-11-03T12:30:59.000Z"), Json.texts(getOk(manifestUrl(), "match[id]", idOf(a)).path("objects"), "version"));
        assertEquals(List.of("2016-11-03T12:30:59.1000Z"), Json.texts(getOk(manifestUrl(), "match[id]", idOf(b)).path("objects"), "version"));
    }

    @Test
    void unversionedObjectsUseCreatedAsVersion() {
        Fixtures f = Fixtures.get();
        JsonNode manifest = getOk(manifestUrl(), "match[id]", idOf(f.marking));
        assertEquals(List.of(Stix.CREATED), Json.texts(manifest.path("objects"), "version"));
    }

    @Test
    void defaultIsTheLastVersionAndAllListsEveryVersionInDateAddedOrder() {
        Fixtures f = Fixtures.get();
        assertEquals(List.of(Fixtures.V3), Json.texts(getOk(manifestUrl(), "match[id]", f.versioned).path("objects"), "version"));
        JsonNode all = getOk(manifestUrl(), "match[id]", f.versioned, "match[version]", "all").path("objects");
        assertEquals(List.of(Fixtures.V1, Fixtures.V2, Fixtures.V3), Json.texts(all, "version"));
        assertAscending(all);
    }

    @Test
    void matchTypeAppliesToTheObjects() {
        Fixtures f = Fixtures.get();
        JsonNode manifest = getOk(manifestUrl(), "match[id]", f.typedIds(), "match[type]", "malware");
        assertEquals(List.of(idOf(f.malware)), Json.texts(manifest.path("objects"), "id"));
    }

    @Test
    void noMatchIsAnEmptyManifest() {
        Response r = get(manifestUrl(), "match[id]", Stix.newId("indicator"));
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        assertEmptyResult(Json.parse(r), "objects");
        assertDateAddedHeaders(r, false);
    }

    @Test
    void limitAndMore() {
        JsonNode page = getOk(manifestUrl(), "match[id]", Fixtures.get().versioned, "match[version]", "all", "limit", "2");
        assertEquals(2, page.path("objects").size(), page.toString());
        assertTrue(page.path("more").asBoolean(), page.toString());
    }

    static void assertAscending(JsonNode records) {
        Instant previous = Instant.MIN;
        for (JsonNode record : records) {
            Instant added = Instant.parse(record.get("date_added").asText());
            assertTrue(!added.isBefore(previous), () -> "manifest not in ascending date_added order: " + records);
            previous = added;
        }
    }
}
