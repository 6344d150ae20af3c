package nl.camiso.taxii;

import io.restassured.response.Response;
import nl.camiso.taxii.testing.HttpTestBase;
import nl.camiso.taxii.testing.TestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.3 manifest and §5.4 Get Objects: filters (§3.4), paging (§3.5) and date-added headers (§3.2). */
class ObjectsAndManifestTest extends HttpTestBase {

    private static final Pattern TAXII_TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

    @Test
    void emptyCollectionIsEmptyObjectWithHeaders() {
        alice().get(RW + "objects/").then().statusCode(200).contentType(equalTo(TAXII))
                .body(equalTo("{}"))
                .header("X-TAXII-Date-Added-First", equalTo("1970-01-01T00:00:00.000000Z"))
                .header("X-TAXII-Date-Added-Last", equalTo("1970-01-01T00:00:00.000000Z"));
        alice().get(RW + "manifest/").then().statusCode(200).body(equalTo("{}"))
                .header("X-TAXII-Date-Added-First", equalTo("1970-01-01T00:00:00.000000Z"));
    }

    @Test
    void emptyPageAfterAddedAfterCarriesThatBound() {
        post(indicator(newId("indicator"), "2021-01-01T00:00:00.000Z"));
        alice().queryParam("added_after", "2999-01-01T00:00:00Z").get(RW + "objects/").then().statusCode(200)
                .body(equalTo("{}"))
                .header("X-TAXII-Date-Added-First", equalTo("2999-01-01T00:00:00.000000Z"))
                .header("X-TAXII-Date-Added-Last", equalTo("2999-01-01T00:00:00.000000Z"));
    }

    @Test
    void objectsComeBackExactlyAsPostedInDateAddedOrderWithHeaders() {
        String a = indicator(newId("indicator"), "2021-01-01T00:00:00.000Z");
        String b = malware(newId("malware"));
        post(a);
        post(b);
        Response r = alice().get(RW + "objects/");
        r.then().statusCode(200).body("more", equalTo(false)).body("next", nullValue());
        assertEquals("{\"more\":false,\"objects\":[" + a + "," + b + "]}", r.asString());
        String first = r.header("X-TAXII-Date-Added-First");
        String last = r.header("X-TAXII-Date-Added-Last");
        assertTrue(TAXII_TIMESTAMP.matcher(first).matches(), first);
        assertTrue(first.compareTo(last) < 0);
        alice().get(RW + "manifest/").then().statusCode(200)
                .body("objects.date_added", contains(first, last))
                .body("objects[0].version", equalTo("2021-01-01T00:00:00.000Z"))
                .body("objects[0].media_type", equalTo("application/stix+json;version=2.1"))
                .body("objects[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("type")));
    }

    @Test
    void pagingWithNextReturnsEverythingOnceAndClampsLimit() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(newId("indicator"));
        }
        post(ids.stream().map(id -> indicator(id, "2021-01-01T00:00:00.000Z")).toArray(String[]::new));
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var spec = alice().queryParam("limit", "1000").queryParam("match[type]", "indicator");
            if (next != null) {
                spec.queryParam("next", next);
            }
            Response r = spec.get(RW + "objects/");
            r.then().statusCode(200).header("X-TAXII-Date-Added-Last", matchesPattern(TAXII_TIMESTAMP));
            List<String> page = r.jsonPath().getList("objects.id");
            assertTrue(page.size() <= MAX_PAGE, "limit is clamped to the server's page size");
            seen.addAll(page);
            boolean more = r.jsonPath().getBoolean("more");
            next = r.jsonPath().getString("next");
            assertEquals(more, next != null, "next is sent exactly when more is true");
            pages++;
        } while (next != null);
        assertEquals(ids, seen);
        assertEquals(3, pages);
    }

    @Test
    void pagingByAddedAfterWithTheLastHeaderNeverSkips() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(newId("indicator"));
        }
        post(ids.stream().map(id -> indicator(id, "2021-01-01T00:00:00.000Z")).toArray(String[]::new));
        Response first = alice().queryParam("limit", "4").get(RW + "manifest/");
        first.then().body("more", equalTo(true)).body("next", notNullValue());
        Response second = alice().queryParam("limit", "4")
                .queryParam("added_after", first.header("X-TAXII-Date-Added-Last")).get(RW + "manifest/");
        List<String> all = new ArrayList<>(first.jsonPath().getList("objects.id"));
        all.addAll(second.jsonPath().getList("objects.id"));
        assertEquals(ids, all);
        second.then().body("more", equalTo(false));
    }

    @Test
    void nextFromAnotherQueryOrGarbageIs400() {
        for (int i = 0; i < 7; i++) {
            post(indicator(newId("indicator"), "2021-01-01T00:00:00.000Z"));
        }
        String next = alice().get(RW + "objects/").jsonPath().getString("next");
        alice().queryParam("next", next).get(RW + "objects/").then().statusCode(200)
                .body("objects", hasSize(2));
        // next with filters its query did not have is a different query
        error(alice().queryParam("next", next).queryParam("match[type]", "indicator").get(RW + "objects/").then(), 400)
                .body("title", containsString("next"));
        error(alice().queryParam("next", next).get(RW + "manifest/").then(), 400);
        error(alice().queryParam("next", "not-a-token!").get(RW + "objects/").then(), 400);
        error(alice().queryParam("next", "AAAA").get(RW + "objects/").then(), 400);
    }

    /** OpenCTI and Elastic send the first page with filters and later pages with only next. */
    @Test
    void nextAloneContinuesTheOriginalQueryAndLimitOnlyChangesThePageSize() {
        List<String> indicators = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newId("indicator");
            indicators.add(id);
            post(indicator(id, "2021-01-01T00:00:00.000Z"), malware(newId("malware")));
        }
        for (String endpoint : List.of("objects/", "manifest/")) {
            Response first = alice().queryParam("match[type]", "indicator").queryParam("limit", "2")
                    .queryParam("added_after", "2000-01-01T00:00:00Z").get(RW + endpoint);
            first.then().statusCode(200).body("objects.id", contains(indicators.get(0), indicators.get(1)));
            Response second = alice().queryParam("next", first.jsonPath().getString("next")).get(RW + endpoint);
            second.then().statusCode(200).body("objects.id", contains(indicators.get(2), indicators.get(3)))
                    .body("more", equalTo(true));
            // the filters sent again are fine; a bigger limit takes the rest of the same query
            alice().queryParam("next", second.jsonPath().getString("next")).queryParam("match[type]", "indicator")
                    .queryParam("limit", "50").get(RW + endpoint)
                    .then().statusCode(200).body("objects.id", contains(indicators.get(4))).body("more", equalTo(false));
            // a smaller limit than the original one
            alice().queryParam("next", first.jsonPath().getString("next")).queryParam("limit", "1").get(RW + endpoint)
                    .then().statusCode(200).body("objects.id", contains(indicators.get(2))).body("more", equalTo(true));
        }
    }

    @Test
    void nextAloneAlsoPagesTheVersionsOfAnObject() {
        String id = newId("indicator");
        List<String> versions = List.of("2021-01-01T00:00:00.000Z", "2021-01-02T00:00:00.000Z",
                "2021-01-03T00:00:00.000Z", "2021-01-04T00:00:00.000Z");
        for (String v : versions) {
            post(indicator(id, v));
        }
        Response first = alice().queryParam("limit", "3").get(RW + "objects/" + id + "/versions/");
        first.then().statusCode(200).body("versions", equalTo(versions.subList(0, 3)));
        alice().queryParam("next", first.jsonPath().getString("next")).get(RW + "objects/" + id + "/versions/")
                .then().statusCode(200).body("versions", equalTo(versions.subList(3, 4))).body("more", equalTo(false));
        Response one = alice().queryParam("limit", "2").queryParam("match[version]", "all").get(RW + "objects/" + id + "/");
        alice().queryParam("next", one.jsonPath().getString("next")).get(RW + "objects/" + id + "/")
                .then().statusCode(200).body("objects.modified", equalTo(versions.subList(2, 4)));
    }

    @Test
    void aTokenIsBoundToItsCollectionAndReaderAndCannotBeAltered() {
        for (int i = 0; i < 7; i++) {
            post(indicator(newId("indicator"), "2021-01-01T00:00:00.000Z"));
        }
        String next = alice().queryParam("limit", "2").get(RW + "objects/").jsonPath().getString("next");
        alice().queryParam("next", next).get(RW + "objects/").then().statusCode(200).body("objects", hasSize(2));
        carol().queryParam("next", next).get(RW + "objects/").then().statusCode(400)
                .body("title", containsString("next"));
        error(alice().queryParam("next", next).get("/ndn/collections/" + TestCatalog.RO.id() + "/objects/").then(), 400);
        // by its alias the collection is the same one
        alice().queryParam("next", next).get("/ndn/collections/read-write/objects/").then().statusCode(200);
        String other = alice().queryParam("limit", "2").get(RW + "objects/").jsonPath().getString("next");
        String forged = next.substring(0, 10) + (next.charAt(10) == 'A' ? 'B' : 'A') + next.substring(11);
        error(alice().queryParam("next", forged).get(RW + "objects/").then(), 400);
        assertEquals(other, next, "the same query from the same position gives the same token");
    }

    @Test
    void matchFiltersAndOrAcrossFields() {
        String i1 = newId("indicator");
        String i2 = newId("indicator");
        String m1 = newId("malware");
        post(indicator(i1, "2021-01-01T00:00:00.000Z"), indicator(i2, "2021-01-01T00:00:00.000Z"), malware(m1));
        alice().queryParam("match[type]", "malware").get(RW + "objects/").then().body("objects.id", contains(m1));
        alice().queryParam("match[type]", "malware,indicator").get(RW + "objects/").then()
                .body("objects.id", contains(i1, i2, m1));
        alice().queryParam("match[id]", i2 + "," + m1).get(RW + "objects/").then().body("objects.id", contains(i2, m1));
        alice().queryParam("match[id]", i2 + "," + m1).queryParam("match[type]", "indicator")
                .get(RW + "manifest/").then().body("objects.id", contains(i2));
        alice().queryParam("match[spec_version]", "2.0").get(RW + "objects/").then().body(equalTo("{}"));
        alice().queryParam("match[spec_version]", "2.0,2.1").get(RW + "objects/").then().body("objects", hasSize(3));
    }

    @Test
    void matchVersion() {
        String id = newId("indicator");
        post(indicator(id, "2021-01-01T00:00:00.000Z"));
        post(indicator(id, "2021-03-01T00:00:00.000Z"));
        post(indicator(id, "2021-02-01T00:00:00.000Z"));
        alice().get(RW + "objects/").then().body("objects.modified", contains("2021-03-01T00:00:00.000Z"));
        alice().queryParam("match[version]", "first").get(RW + "objects/").then()
                .body("objects.modified", contains("2021-01-01T00:00:00.000Z"));
        alice().queryParam("match[version]", "all").get(RW + "manifest/").then()
                .body("objects.version", contains("2021-01-01T00:00:00.000Z", "2021-03-01T00:00:00.000Z",
                        "2021-02-01T00:00:00.000Z"));
        alice().queryParam("match[version]", "first,2021-02-01T00:00:00.000Z").get(RW + "objects/").then()
                .body("objects.modified", containsInAnyOrder("2021-01-01T00:00:00.000Z", "2021-02-01T00:00:00.000Z"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "limit|0", "limit|-1", "limit|abc", "limit|1.5", "limit|''",
            "added_after|yesterday", "added_after|2021-13-01T00:00:00Z", "added_after|2021-01-01T00:00:00+01:00",
            "match[version]|all,first", "match[version]|latest", "match[version]|first,first",
            "match[version]|2021-01-01", "match[spec_version]|two", "match[type]|indicator,,malware",
            "match[id]|a b"})
    void malformedParametersAre400NamingTheParameter(String name, String value) {
        error(alice().queryParam(name, value).get(RW + "objects/").then(), 400).body("title", containsString(name));
    }

    @Test
    void repeatedParametersAre400() {
        error(alice().queryParam("match[type]", "indicator").queryParam("match[type]", "malware")
                .get(RW + "objects/").then(), 400).body("title", containsString("match[type]"));
        error(alice().queryParam("limit", "1").queryParam("limit", "2").get(RW + "manifest/").then(), 400);
    }

    @Test
    void unknownParametersAreIgnored() {
        alice().queryParam("match[color]", "red").queryParam("foo", "bar").get(RW + "objects/").then().statusCode(200);
    }

    @Test
    void readRulesForObjectsAndManifest() {
        error(alice().get("/ndn/collections/" + TestCatalog.WO.id() + "/objects/").then(), 403);
        error(alice().get("/ndn/collections/" + TestCatalog.WO.id() + "/manifest/").then(), 403);
        error(alice().get("/ndn/collections/" + TestCatalog.NONE.id() + "/objects/").then(), 404);
        error(anonymous().get(RW + "objects/").then(), 404);
        alice().get("/ndn/collections/" + TestCatalog.RO.id() + "/objects/").then().statusCode(200);
    }
}
