package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.4 Get Objects, with the §3.4 filters. */
class ObjectsGetTest extends TaxiiTestBase {

    @Test
    void noMatchGivesAnEmptyEnvelope() {
        Response r = get(objectsUrl(), "match[id]", Stix.newId("indicator"));
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        assertEmptyResult(Json.parse(r), "objects");
        assertDateAddedHeaders(r, false);
    }

    @Test
    void objectsComeInAnEnvelopeWithDateAddedHeadersOfThatPage() {
        Fixtures f = Fixtures.get();
        Response r = get(objectsUrl(), "match[id]", f.typedIds());
        assertEquals(200, r.statusCode(), r.asString());
        assertTaxiiContentType(r);
        JsonNode envelope = Json.parse(r);
        assertEquals(3, envelope.path("objects").size(), envelope.toString());
        assertDateAddedHeaders(r, true);
        List<JsonNode> manifest = manifestOf(f.typedIds().split(","));
        assertEquals(Instant.parse(manifest.get(0).get("date_added").asText()),
                Instant.parse(r.getHeader(DATE_ADDED_FIRST)));
        assertEquals(Instant.parse(manifest.get(manifest.size() - 1).get("date_added").asText()),
                Instant.parse(r.getHeader(DATE_ADDED_LAST)));
        // the objects are returned as posted
        for (JsonNode o : envelope.get("objects")) {
            ObjectNode posted = List.of(f.indicator, f.malware, f.attackPattern).stream()
                    .filter(p -> idOf(p).equals(o.path("id").asText())).findFirst().orElseThrow();
            assertEquals(posted, o);
        }
    }

    @Test
    void objectsAreSortedByDateAddedAscending() {
        ObjectNode a = Stix.indicator();
        ObjectNode b = Stix.indicator();
        ObjectNode c = Stix.indicator();
        add(a);
        add(b);
        add(c);
        JsonNode envelope = getOk(objectsUrl(), "match[id]", String.join(",", idOf(c), idOf(a), idOf(b)));
        assertEquals(List.of(idOf(a), idOf(b), idOf(c)), Json.texts(envelope.path("objects"), "id"));
    }

    @ParameterizedTest(name = "match[type]={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "indicator              | indicator",
        "malware                | malware",
        "indicator,malware      | indicator,malware",
        "malware,attack-pattern | attack-pattern,malware",
        "campaign               | ''",
        "x-not-a-stix-type      | ''",
    })
    void matchType(String types, String expectedTypes) {
        JsonNode envelope = getOk(objectsUrl(), "match[id]", Fixtures.get().typedIds(), "match[type]", types);
        assertEquals(sorted(expectedTypes), new TreeSet<>(Json.texts(envelope.path("objects"), "type")));
        if (expectedTypes.isEmpty()) {
            assertEmptyResult(envelope, "objects");
        }
    }

    @Test
    void matchIdTakesSeveralIdsAndIgnoresUnknownOnes() {
        Fixtures f = Fixtures.get();
        JsonNode envelope = getOk(objectsUrl(), "match[id]",
                idOf(f.indicator) + "," + idOf(f.malware) + "," + Stix.newId("indicator"));
        assertEquals(Set.of(idOf(f.indicator), idOf(f.malware)), Set.copyOf(Json.texts(envelope.path("objects"), "id")));
    }

    @Test
    void matchFieldsAreAnded() {
        Fixtures f = Fixtures.get();
        assertEmptyResult(getOk(objectsUrl(), "match[id]", idOf(f.indicator), "match[type]", "malware"), "objects");
    }

    /** §3.4.1: default last; first; all; exact modified values; comma lists OR. */
    @ParameterizedTest(name = "match[version]={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<absent>                                           | 2024-03-01T00:00:00.000Z",
        "last                                               | 2024-03-01T00:00:00.000Z",
        "first                                              | 2024-01-01T00:00:00.000Z",
        "all                                                | 2024-01-01T00:00:00.000Z,2024-02-01T00:00:00.000Z,2024-03-01T00:00:00.000Z",
        "2024-02-01T00:00:00.000Z                           | 2024-02-01T00:00:00.000Z",
        "first,last                                         | 2024-01-01T00:00:00.000Z,2024-03-01T00:00:00.000Z",
        "first,2024-02-01T00:00:00.000Z                     | 2024-01-01T00:00:00.000Z,2024-02-01T00:00:00.000Z",
        "2024-01-01T00:00:00.000Z,2024-03-01T00:00:00.000Z  | 2024-01-01T00:00:00.000Z,2024-03-01T00:00:00.000Z",
        "2023-06-01T00:00:00.000Z                           | ''",
    })
    void matchVersion(String version, String expectedModified) {
        String id = Fixtures.get().versioned;
        JsonNode envelope = version.equals("<absent>")
                ? getOk(objectsUrl(), "match[id]", id)
                : getOk(objectsUrl(), "match[id]", id, "match[version]", version);
        assertEquals(sorted(expectedModified), new TreeSet<>(Json.texts(envelope.path("objects"), "modified")));
        // no duplicates when several selectors pick the same version
        assertEquals(sorted(expectedModified).size(), envelope.path("objects").size(), envelope.toString());
    }

    @ParameterizedTest(name = "match[spec_version]={0} -> {1} objects")
    @CsvSource({"2.1, 3", "'2.0,2.1', 3", "2.0, 0"})
    void matchSpecVersion(String specVersion, int expected) {
        JsonNode envelope = getOk(objectsUrl(), "match[id]", Fixtures.get().typedIds(), "match[spec_version]", specVersion);
        assertEquals(expected, envelope.path("objects").size(), envelope.toString());
    }

    @Test
    void addedAfterIsStrictlyAfterDateAdded() {
        ObjectNode first = Stix.indicator();
        ObjectNode second = Stix.indicator();
        add(first);
        add(second);
        String ids = idOf(first) + "," + idOf(second);
        List<JsonNode> manifest = manifestOf(idOf(first), idOf(second));
        assertEquals(2, manifest.size());
        String firstAdded = manifest.get(0).get("date_added").asText();
        String secondAdded = manifest.get(1).get("date_added").asText();

        JsonNode after = getOk(objectsUrl(), "match[id]", ids, "added_after", firstAdded);
        assertEquals(List.of(idOf(second)), Json.texts(after.path("objects"), "id"));
        assertEmptyResult(getOk(objectsUrl(), "match[id]", ids, "added_after", secondAdded), "objects");
        JsonNode before = getOk(objectsUrl(), "match[id]", ids, "added_after", "2000-01-01T00:00:00.000000Z");
        assertEquals(2, before.path("objects").size());
    }

    @Test
    void limitCapsThePageAndSetsMore() {
        Fixtures f = Fixtures.get();
        Response r = get(objectsUrl(), "match[id]", f.typedIds(), "limit", "2");
        assertEquals(200, r.statusCode(), r.asString());
        JsonNode page = Json.parse(r);
        assertEquals(2, page.path("objects").size(), page.toString());
        assertTrue(page.path("more").asBoolean(), () -> "more must be true when objects remain: " + page);
        assertDateAddedHeaders(r, true);
    }

    @Test
    void limitAboveAvailableReturnsEverythingWithoutMore() {
        JsonNode page = getOk(objectsUrl(), "match[id]", Fixtures.get().typedIds(), "limit", "3");
        assertEquals(3, page.path("objects").size());
        assertTrue(!page.path("more").asBoolean(), () -> "nothing remains: " + page);
    }

    @Test
    void hugeLimitIsClampedNotRefused() {
        JsonNode page = getOk(objectsUrl(), "match[id]", Fixtures.get().typedIds(), "limit", "1000000000");
        assertEquals(3, page.path("objects").size());
    }

    @Test
    void writeOnlyCollectionCannotBeRead() {
        assumeConfigured("collection with can_read=false", target().writeOnlyCollection());
        assertError(get(objectsUrl(target().writeOnlyCollection())), 403, 404);
    }

    static Set<String> sorted(String commaSeparated) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
