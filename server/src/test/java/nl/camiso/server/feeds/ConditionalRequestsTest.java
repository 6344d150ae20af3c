package nl.camiso.server.feeds;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.taxii.http.Conditional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static nl.camiso.server.feeds.FeedsOverHttpTest.AMBER_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.GREEN_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.TAXII;
import static nl.camiso.server.feeds.FeedsOverHttpTest.indicator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditional GET of feeds and of TAXII objects and manifest through the real server: a weak ETag,
 * 304 for If-None-Match while nothing changed, 200 with a new ETag after a new object, a delete and
 * an expiry; private caching for accounts, public for the anonymous TLP:CLEAR collection.
 */
class ConditionalRequestsTest {

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-conditional-test");

    static RequestSpecification as(String user) {
        return sample.as(user).accept("*/*");
    }

    static void post(String collection, String object) {
        sample.post("ferm-analyst", collection, object);
    }

    /** A 200 with a weak ETag and the given Cache-Control; returns the ETag. */
    static String fresh(Response r, String cacheControl) {
        assertEquals(200, r.statusCode(), r.asString());
        String etag = r.header("ETag");
        assertNotNull(etag, "no ETag");
        assertTrue(etag.startsWith("W/\""), etag);
        assertEquals(cacheControl, r.header("Cache-Control"));
        return etag;
    }

    static void unchanged(Response r, String etag) {
        assertEquals(304, r.statusCode(), r.asString());
        assertEquals("", r.asString());
        assertEquals(etag, r.header("ETag"));
        assertNotNull(r.header("Cache-Control"));
    }

    @Test
    void aFeedIs304UntilANewObjectADeleteOrAnExpiry() throws Exception {
        for (String format : List.of("ip", "domain?max=10", "rpz", "suricata", "zeek", "csv", "stix")) {
            String path = "ndn/x-camiso/feeds/ferm-amber/" + format;
            String etag = fresh(as(AMBER_MEMBER).get(path), "private, no-cache");
            unchanged(as(AMBER_MEMBER).header("If-None-Match", etag).get(path), etag);
            unchanged(as(AMBER_MEMBER).header("If-None-Match", "W/\"other\", " + etag).get(path), etag);
            // another reader, another query: another ETag
            assertEquals(200, as(AMBER_MEMBER).header("If-None-Match", etag).get(path + (path.contains("?") ? "&" : "?") + "max=3").statusCode());
            assertEquals(200, as("ferm-analyst").header("If-None-Match", etag).get(path).statusCode());
        }
        String path = "ndn/x-camiso/feeds/ferm-amber/domain";
        String etag = fresh(as(AMBER_MEMBER).get(path), "private, no-cache");

        // one new object
        String id = "indicator--" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        post("ferm-amber", indicator(id, "[domain-name:value = 'conditional-feed-test.example']", null, soon.toString(), false));
        Response added = as(AMBER_MEMBER).header("If-None-Match", etag).get(path);
        String afterAdd = fresh(added, "private, no-cache");
        assertTrue(added.asString().contains("conditional-feed-test.example\n"));
        unchanged(as(AMBER_MEMBER).header("If-None-Match", afterAdd).get(path), afterAdd);

        // its expiry: no write, yet the feed changes and so does the ETag
        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis() + 200));
        Response expired = as(AMBER_MEMBER).header("If-None-Match", afterAdd).get(path);
        String afterExpiry = fresh(expired, "private, no-cache");
        assertTrue(!expired.asString().contains("conditional-feed-test.example"), expired.asString());
        unchanged(as(AMBER_MEMBER).header("If-None-Match", afterExpiry).get(path), afterExpiry);

        // a delete of another object (not shown in the domain feed, but the collection changed)
        String other = "indicator--" + UUID.randomUUID();
        post("ferm-amber", indicator(other, "[domain-name:value = 'deleted-feed-test.example']", null, null, false));
        String beforeDelete = fresh(as(AMBER_MEMBER).get(path), "private, no-cache");
        as("admin").accept(TAXII).delete("ndn/collections/ferm-amber/objects/" + other + "/").then().statusCode(200);
        Response deleted = as(AMBER_MEMBER).header("If-None-Match", beforeDelete).get(path);
        fresh(deleted, "private, no-cache");
        assertTrue(!deleted.asString().contains("deleted-feed-test.example"), deleted.asString());
    }

    @Test
    void taxiiObjectsAndManifestAre304UntilTheCollectionChanges() {
        for (String endpoint : List.of("objects/", "manifest/", "objects/?match[type]=indicator&limit=2")) {
            String path = "ndn/collections/ferm-green/" + endpoint;
            Response first = as(GREEN_MEMBER).accept(TAXII).get(path);
            String etag = fresh(first, "private, no-cache");
            assertNotNull(first.header("X-TAXII-Date-Added-Last"));
            unchanged(as(GREEN_MEMBER).accept(TAXII).header("If-None-Match", etag).get(path), etag);
        }
        String path = "ndn/collections/ferm-green/objects/";
        String etag = fresh(as(GREEN_MEMBER).accept(TAXII).get(path), "private, no-cache");
        String id = "indicator--" + UUID.randomUUID();
        as("ferm-analyst").accept(TAXII).contentType(TAXII).body("{\"objects\":[" + indicator(id,
                        "[domain-name:value = 'green-conditional-test.example']", null, null, false)
                        .replace(nl.camiso.stix.marking.TlpMarkings.TLP2_AMBER, nl.camiso.stix.marking.TlpMarkings.TLP2_GREEN) + "]}")
                .post("ndn/collections/ferm-green/objects/").then().statusCode(202);
        Response after = as(GREEN_MEMBER).accept(TAXII).header("If-None-Match", etag).get(path);
        String afterAdd = fresh(after, "private, no-cache");
        assertTrue(after.asString().contains(id));
        as("admin").accept(TAXII).delete("ndn/collections/ferm-green/objects/" + id + "/").then().statusCode(200);
        assertNotEquals(afterAdd, fresh(as(GREEN_MEMBER).accept(TAXII).header("If-None-Match", afterAdd).get(path),
                "private, no-cache"));
    }

    @Test
    void theAnonymousPublicCollectionIsPubliclyCacheable() {
        Response r = sample.anonymous().get("ndn/x-camiso/feeds/ndn-clear/domain");
        String etag = fresh(r, "public, max-age=" + Conditional.PUBLIC_MAX_AGE_SECONDS);
        assertEquals("Authorization", r.header("Vary"));
        Response again = sample.anonymous().header("If-None-Match", etag).get("ndn/x-camiso/feeds/ndn-clear/domain");
        unchanged(again, etag);
        fresh(sample.anonymous().accept(TAXII).get("ndn/collections/ndn-clear/objects/"),
                "public, max-age=" + Conditional.PUBLIC_MAX_AGE_SECONDS);
        // the same collection read with an account is private
        fresh(as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ndn-clear/domain"), "private, no-cache");
    }

    @Test
    void lastModifiedOnlyOnceTheLastChangeHasSettled() {
        Instant old = Instant.now().minusSeconds(120);
        Conditional.Validator settled = Conditional.validator(List.of("x"), old.toEpochMilli() * 1000, false);
        assertEquals(old.toEpochMilli() / 1000 * 1000, settled.lastModified().getTime() / 1000 * 1000);
        assertNull(Conditional.validator(List.of("x"), Instant.now().toEpochMilli() * 1000, false).lastModified());
        assertNotEquals(settled.etag(), Conditional.validator(List.of("y"), old.toEpochMilli() * 1000, false).etag());
        assertNotEquals(settled.etag(), Conditional.validator(List.of("x"), old.toEpochMilli() * 1000 + 1, false).etag());
        // the server's fresh data is too recent for Last-Modified, so an If-Modified-Since alone gets 200
        Response r = as(AMBER_MEMBER).header("If-Modified-Since", "Sun, 01 Jan 2090 00:00:00 GMT").get("ndn/x-camiso/feeds/ferm-amber/ip");
        assertEquals(200, r.statusCode());
        assertNull(r.header("Last-Modified"));
    }

    @Test
    void aPollWithTheFeedsLastModifiedIs304UntilANewIndicator() throws Exception {
        // Last-Modified names a change only once it has settled; two seconds instead of a minute here
        java.time.Duration before = Conditional.lastModifiedSettle(java.time.Duration.ofSeconds(2));
        try {
            String path = "ndn/x-camiso/feeds/ferm-green/domain";
            Thread.sleep(2100); // the server's start and the sample data are older than that now
            Response first = as(GREEN_MEMBER).get(path);
            assertEquals(200, first.statusCode());
            String lastModified = first.header("Last-Modified");
            assertNotNull(lastModified, "no Last-Modified on a settled feed");

            // a poll as curl -z or wget -N send it: no ETag, only the date
            Response unchanged = as(GREEN_MEMBER).header("If-Modified-Since", lastModified).get(path);
            assertEquals(304, unchanged.statusCode(), unchanged.asString());
            assertEquals("", unchanged.asString());
            assertEquals(lastModified, unchanged.header("Last-Modified"));
            // a date before the feed's last change is no match
            as(GREEN_MEMBER).header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").get(path).then().statusCode(200);

            String id = "indicator--" + UUID.randomUUID();
            post("ferm-green", indicator(id, "[domain-name:value = 'modified-since-test.example']", null, null, false)
                    .replace(nl.camiso.stix.marking.TlpMarkings.TLP2_AMBER, nl.camiso.stix.marking.TlpMarkings.TLP2_GREEN));
            Response fresh = as(GREEN_MEMBER).header("If-Modified-Since", lastModified).get(path);
            assertEquals(200, fresh.statusCode());
            assertTrue(fresh.asString().contains("modified-since-test.example\n"), fresh.asString());

            // once the new change has settled, it is the new Last-Modified and polls with it are 304 again
            Thread.sleep(2100);
            String newer = as(GREEN_MEMBER).get(path).then().statusCode(200).extract().header("Last-Modified");
            assertNotNull(newer);
            assertTrue(java.time.ZonedDateTime.parse(newer, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .isAfter(java.time.ZonedDateTime.parse(lastModified, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)));
            as(GREEN_MEMBER).header("If-Modified-Since", newer).get(path).then().statusCode(304);
        } finally {
            Conditional.lastModifiedSettle(before);
        }
    }
}
