package nl.camiso.server.feeds;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block-list feeds through the whole server (real Grizzly, H2, authentication and the sample
 * network of samples/camiso.yaml with its allow-list), fed with indicators posted over TAXII.
 */
class FeedsOverHttpTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String FERM_AMBER = "1dbc37f0-eb75-4f86-92ea-3e86f78da1f0";
    static final String FERM_IDENTITY = "identity--4155fc2d-7484-4aea-81bc-4065b8d0c64c";
    /** A FERM member cleared for AMBER, and one cleared for GREEN only. */
    static final String AMBER_MEMBER = "maasvlakte-stuwadoors-analyst";
    static final String GREEN_MEMBER = "koelhuis-botlek-analyst";

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-feeds-test");
    /** The indicator posted by {@link #start()} with allow-listed, mergeable and plain values. */
    static final String MIXED = "indicator--" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        post(indicator(MIXED, "[ipv4-addr:value = '10.1.2.3' OR ipv4-addr:value = '8.8.8.8'"
                        + " OR ipv4-addr:value ISSUBSET '8.0.0.0/7' OR ipv4-addr:value = '198.51.100.0/25'"
                        + " OR ipv4-addr:value = '198.51.100.128/25' OR ipv6-addr:value = '2001:0db8:0:0::1'"
                        + " OR ipv6-addr:value = 'fe80::1']"
                        + " OR [domain-name:value IN ('download.windowsupdate.com', 'microsoft.com', 'Evil-Feed-Test.example.')]"
                        + " OR [url:value = 'https://dl.google.com/chrome.exe' OR url:value = 'http://evil-feed-test.example/payload']",
                90, null, false));
    }

    static RequestSpecification as(String user) {
        return sample.as(user);
    }

    static List<String> lines(Response r) {
        r.then().statusCode(200).contentType("text/plain");
        String body = r.asString();
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1)).subList(0, body.split("\n", -1).length - 1);
    }

    static List<String> feed(String user, String collection, String format) {
        return lines(as(user).get("ndn/x-camiso/feeds/" + collection + "/" + format));
    }

    static String indicator(String id, String pattern, Integer confidence, String validUntil, boolean revoked) {
        return indicator(id, pattern, confidence, validUntil, revoked, "2026-11-21T10:00:00.000Z");
    }

    static String indicator(String id, String pattern, Integer confidence, String validUntil, boolean revoked, String modified) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created_by_ref\":\"" + FERM_IDENTITY + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"" + modified + "\","
                + "\"name\":\"Feed test indicator\",\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"" + pattern.replace("\\", "\\\\") + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-11-21T10:00:00Z\""
                + (validUntil == null ? "" : ",\"valid_until\":\"" + validUntil + "\"")
                + (confidence == null ? "" : ",\"confidence\":" + confidence)
                + (revoked ? ",\"revoked\":true" : "")
                + ",\"object_marking_refs\":[\"" + TlpMarkings.TLP2_AMBER + "\"]}";
    }

    static void post(String object) {
        sample.post("ferm-analyst", "ferm-amber", object);
    }

    @Test
    void aMemberGetsTheValuesOfItsCollectionMergedAndWithoutAllowListedOnes() {
        List<String> ips = feed(AMBER_MEMBER, "ferm-amber", "ip");
        // two /25s merged into one /24; the sample's two addresses; IPv6 in RFC 5952 form
        assertEquals(List.of("198.51.100.0/24", "203.0.113.9", "203.0.113.10", "2001:db8::1"), ips);
        // the same by collection id, and no comment lines without explain
        assertEquals(ips, feed(AMBER_MEMBER, FERM_AMBER, "ip"));

        // download.windowsupdate.com is in windowsupdate.com, microsoft.com covers update.microsoft.com
        assertEquals(List.of("evil-feed-test.example"), feed(AMBER_MEMBER, "ferm-amber", "domain"));
        List<String> urls = feed(AMBER_MEMBER, "ferm-amber", "url");
        assertTrue(urls.contains("http://evil-feed-test.example/payload"), urls.toString());
        assertFalse(urls.contains("https://dl.google.com/chrome.exe"), urls.toString());
    }

    @Test
    void theOtherFormatsComeFromTheSampleIndicators() {
        // ndn-green: hashes, URLs and domains of the sample; the Citrix indicator (an AND) is in none
        List<String> sha256 = feed(AMBER_MEMBER, "ndn-green", "hash-sha256");
        assertTrue(sha256.contains("f2688a5db7ed8bf552feed07c9edc5741f4fce223eb5e683a66d8cef635a33ce"), sha256.toString());
        assertEquals(sha256, feed(AMBER_MEMBER, "ndn-green", "hash?algorithm=sha-256"));
        assertEquals(List.of(), feed(AMBER_MEMBER, "ndn-green", "hash-md5"));
        assertEquals(List.of("https://postnl-bezorging-nl.example/pakket/track?id=3STNL8841", "https://postnl-verzendkosten.test/betalen"),
                feed(AMBER_MEMBER, "ndn-green", "url"));
        List<String> ips = feed(AMBER_MEMBER, "ndn-green", "ip");
        assertEquals(List.of("198.51.100.77", "198.51.100.78"), ips);
        assertTrue(feed(AMBER_MEMBER, "ndn-green", "domain").contains("polderlock-support.test"));
    }

    @Test
    void aCollectionTheRequesterMayNotReadIs404AndCredentialsAreThoseOfTaxii() {
        as(GREEN_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/ip").then().statusCode(404);
        as(GREEN_MEMBER).get("ndn/x-camiso/feeds/" + FERM_AMBER + "/ip").then().statusCode(404);
        as(GREEN_MEMBER).get("ndn/x-camiso/feeds/no-such-collection/ip").then().statusCode(404);
        // ferm-green is readable to it
        assertEquals(List.of("douane-aangifte-controle.example", "havenmelding-portaal.test"),
                feed(GREEN_MEMBER, "ferm-green", "domain"));

        sample.anonymous().get("ndn/x-camiso/feeds/ferm-amber/ip").then().statusCode(401);
        sample.anonymous().auth().preemptive().basic(AMBER_MEMBER, "wrong")
                .get("ndn/x-camiso/feeds/ferm-amber/ip").then().statusCode(401);
        // the public TLP:CLEAR collection's feed needs no credentials, like its TAXII objects
        List<String> clear = lines(sample.anonymous().get("ndn/x-camiso/feeds/ndn-clear/domain"));
        assertTrue(clear.contains("mijn-digid-verlengen.example"), clear.toString());
    }

    @Test
    void explainListsWhatWasLeftOutAndWhy() {
        String body = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/ip?explain=true")
                .then().statusCode(200).extract().asString();
        assertTrue(body.startsWith("# CAMISO feed ip of collection ferm-amber (API root ndn)\n"), body);
        assertTrue(body.contains("# left out: 10.1.2.3 (" + MIXED + "): in allow-listed 10.0.0.0/8 (private (RFC 1918))\n"), body);
        assertTrue(body.contains("# left out: 8.8.8.8 (" + MIXED + "): in allow-listed 8.8.8.8 (public DNS resolver (Google))\n"), body);
        assertTrue(body.contains("# left out: 8.0.0.0/7 (" + MIXED + "): covers allow-listed 8.8.8.8"), body);
        assertTrue(body.contains("# left out: fe80::1 (" + MIXED + "): in allow-listed fe80::/10 (link-local)"), body);
        // written while merged: the counts and what was left out follow the blocks
        assertTrue(body.contains("; entry counts at the end\n198.51.100.0/24\n203.0.113.9\n203.0.113.10\n2001:db8::1\n"
                + "# 4 entries from "), body);
        assertTrue(body.indexOf("# left out: ") > body.indexOf("2001:db8::1\n"), body);

        String domains = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/domain?explain=true").asString();
        assertTrue(domains.contains("# left out: microsoft.com (" + MIXED + "): parent of allow-listed domain update.microsoft.com"
                + " (configured allow-list)\n"), domains);
        assertTrue(domains.contains("# left out: download.windowsupdate.com (" + MIXED + "): in allow-listed domain windowsupdate.com"),
                domains);
    }

    @Test
    void maxKeepsTheMostConfidentFirstAndBadParametersAre400() {
        // the posted indicator has confidence 90, the sample's none
        assertEquals(List.of("198.51.100.0/25"), feed(AMBER_MEMBER, "ferm-amber", "ip?max=1"));
        assertEquals(List.of("198.51.100.0/24", "2001:db8::1"), feed(AMBER_MEMBER, "ferm-amber", "ip?max=3"));
        String explained = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/ip?max=3&explain=true").asString();
        assertTrue(explained.contains("# left out: (2 values): over max=3\n"), explained);

        for (String bad : List.of("ip?max=0", "ip?max=-1", "ip?max=many", "ip?explain=yes", "hash")) {
            Response r = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertFalse(r.asString().contains("Exception"), r.asString());
        }
        as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/snort").then().statusCode(404);
        as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/hash?algorithm=sha-512").then().statusCode(400);
    }

    @Test
    void revokedAndExpiredIndicatorsAreGoneAfterTheNextPoll() throws Exception {
        String revoked = "indicator--" + UUID.randomUUID();
        String expiring = "indicator--" + UUID.randomUUID();
        String expired = "indicator--" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        post(indicator(revoked, "[url:value = 'http://revoked-feed-test.example/a']", null, null, false));
        post(indicator(expiring, "[url:value = 'http://expiring-feed-test.example/a']", null, soon.toString(), false));
        post(indicator(expired, "[url:value = 'http://expired-feed-test.example/a']", null, "2026-11-22T00:00:00Z", false));
        List<String> urls = feed(AMBER_MEMBER, "ferm-amber", "url");
        assertTrue(urls.contains("http://revoked-feed-test.example/a"), urls.toString());
        assertTrue(urls.contains("http://expiring-feed-test.example/a"), urls.toString());
        assertFalse(urls.contains("http://expired-feed-test.example/a"), urls.toString());

        // a newer version revokes it: only the latest version counts
        post(indicator(revoked, "[url:value = 'http://revoked-feed-test.example/a']", null, null, true,
                "2026-11-22T10:00:00.000Z"));
        assertFalse(feed(AMBER_MEMBER, "ferm-amber", "url").contains("http://revoked-feed-test.example/a"));

        Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis() + 100));
        assertFalse(feed(AMBER_MEMBER, "ferm-amber", "url").contains("http://expiring-feed-test.example/a"));
        assertTrue(feed(AMBER_MEMBER, "ferm-amber", "url").contains("http://evil-feed-test.example/payload"));
    }

    // --- CSV for SIEMs ---------------------------------------------------------------------------

    static final String CSV_HEADER = "indicator_id,type,value,name,valid_from,valid_until,tlp,confidence,"
            + "course_of_action_en,course_of_action_nl";
    static final String FERM_GREEN_INDICATOR = "indicator--fb862781-efc6-418f-86ca-a48d07436c02";

    static List<String> csv(String user, String collection) {
        return csv(user, collection, "");
    }

    static List<String> csv(String user, String collection, String query) {
        Response r = as(user).get("ndn/x-camiso/feeds/" + collection + "/csv" + query);
        r.then().statusCode(200).contentType("text/csv").header("Content-Type", org.hamcrest.Matchers.containsString("charset=utf-8"));
        String body = r.asString();
        assertTrue(body.endsWith("\r\n"), body);
        assertFalse(body.replace("\r\n", "").contains("\n"), "CRLF line ends only: " + body);
        return Arrays.asList(body.substring(0, body.length() - 2).split("\r\n", -1));
    }

    @Test
    void csvHasAHeaderAndARowPerValueWithTheCourseOfActionInEnglishAndDutch() {
        List<String> rows = csv(AMBER_MEMBER, "ferm-amber");
        assertEquals(CSV_HEADER, rows.get(0));
        // the sample's indicator, its TLP marking and the course of action with its language-content
        String sample = "indicator--675b0483-6873-4dd2-946a-3eb8a1ceee40";
        for (String ip : List.of("203.0.113.9", "203.0.113.10")) {
            assertTrue(rows.contains(sample + ",ipv4," + ip + ",Password spraying against terminal remote access,"
                    + "2026-11-16T15:00:00.000Z,,AMBER,,Stop password spraying on your VPN,Stop wachtwoordspraying op je VPN"),
                    rows.toString());
        }
        // the posted indicator: not merged, typed, allow-listed values left out
        String cidr = MIXED + ",cidr,198.51.100.0/25,Feed test indicator,2026-11-21T10:00:00Z,,AMBER,90,,";
        assertTrue(rows.contains(cidr), rows.toString());
        assertTrue(rows.contains(MIXED + ",ipv6,2001:db8::1,Feed test indicator,2026-11-21T10:00:00Z,,AMBER,90,,"), rows.toString());
        assertTrue(rows.contains(MIXED + ",domain,evil-feed-test.example,Feed test indicator,2026-11-21T10:00:00Z,,AMBER,90,,"), rows.toString());
        assertFalse(String.join("\n", rows).contains("8.8.8.8"), rows.toString());
        assertFalse(String.join("\n", rows).contains("windowsupdate"), rows.toString());

        // without max the rows come in the order the indicators were added (the sample's first);
        // max keeps the most confident
        assertTrue(rows.indexOf(cidr) > 1, rows.toString());
        assertEquals(List.of(CSV_HEADER, cidr), csv(AMBER_MEMBER, "ferm-amber", "?max=1"));
    }

    @Test
    void csvQuotesFieldsAndNeutralisesFormulas() {
        String id = "indicator--" + UUID.randomUUID();
        post(indicator(id, "[url:value = 'http://csv-feed-test.example/a,b']", null, null, false)
                .replace("\"name\":\"Feed test indicator\"", "\"name\":\"=HYPERLINK(\\\"http://x.example\\\"),1\""));
        List<String> rows = csv(AMBER_MEMBER, "ferm-amber");
        assertTrue(rows.contains(id + ",url,\"http://csv-feed-test.example/a,b\",\"'=HYPERLINK(\"\"http://x.example\"\"),1\","
                + "2026-11-21T10:00:00Z,,AMBER,,,"), rows.toString());
        as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/csv?explain=true").then().statusCode(400);
        as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/csv?max=0").then().statusCode(400);
    }

    @Test
    void csvShowsNothingFromACollectionTheRequesterMayNotRead() {
        as(GREEN_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/csv").then().statusCode(404);
        // a course of action in ferm-amber for the ferm-green indicator: only amber readers see its title
        String coa = "course-of-action--" + UUID.randomUUID();
        String common = "\"spec_version\":\"2.1\",\"created_by_ref\":\"" + FERM_IDENTITY + "\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\","
                + "\"object_marking_refs\":[\"" + TlpMarkings.TLP2_AMBER + "\"]";
        post("{\"type\":\"course-of-action\",\"id\":\"" + coa + "\"," + common + ",\"name\":\"Amber-only advice\"}");
        post("{\"type\":\"relationship\",\"id\":\"relationship--" + UUID.randomUUID() + "\"," + common
                + ",\"relationship_type\":\"mitigates\",\"source_ref\":\"" + coa + "\",\"target_ref\":\"" + FERM_GREEN_INDICATOR + "\"}");

        String row = FERM_GREEN_INDICATOR + ",domain,douane-aangifte-controle.example,";
        String green = csv(GREEN_MEMBER, "ferm-green").stream().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
        assertTrue(green.endsWith(",Protect customs and port-system logins,Bescherm inloggegevens voor douane- en havensystemen"), green);
        assertFalse(green.contains("Amber-only"), green);
        String amber = csv(AMBER_MEMBER, "ferm-green").stream().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
        assertTrue(amber.contains("Amber-only advice"), amber);
    }
}
