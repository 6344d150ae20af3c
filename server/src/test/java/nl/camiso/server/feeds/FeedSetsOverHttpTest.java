package nl.camiso.server.feeds;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static nl.camiso.server.feeds.FeedsOverHttpTest.AMBER_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.GREEN_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.indicator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Named feed sets through the real server with the sample's {@code ferm-all} (ferm-green,
 * ferm-amber, ferm-reports) and {@code ndn-all} (the hub's CLEAR, GREEN, AMBER and RED collections):
 * a requester gets the values of the member collections it may read, each once, and nothing of the
 * others, not even through the ETag; a set it can read nothing of answers like a missing collection.
 */
class FeedSetsOverHttpTest {

    /** An account of an organisation outside FERM: reads no FERM collection. */
    static final String OUTSIDER = "cargo-oost-analyst";
    static final String GREEN_INDICATOR = "indicator--" + UUID.randomUUID();

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-feed-sets-test");

    @BeforeAll
    static void start() {
        String green = green(indicator(GREEN_INDICATOR,
                "[domain-name:value IN ('set-green-only.example', 'set-both.example')]", 50, null, false));
        sample.post("ferm-analyst", "ferm-green", green);
        // the same indicator in the AMBER collection too: one indicator in the set's bundle
        sample.post("ferm-analyst", "ferm-amber", green, indicator("indicator--" + UUID.randomUUID(),
                "[domain-name:value IN ('set-amber-only.example', 'set-both.example')]", 50, null, false));
    }

    static String green(String object) {
        return object.replace(TlpMarkings.TLP2_AMBER, TlpMarkings.TLP2_GREEN);
    }

    static List<String> lines(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        String body = r.asString();
        return body.isEmpty() ? List.of() : Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1));
    }

    static List<String> feed(String user, String path) {
        return lines(sample.as(user).get("ndn/x-camiso/feeds/" + path));
    }

    @Test
    void aMemberGetsEveryValueOfTheCollectionsItReadsOnce() {
        List<String> amber = feed(AMBER_MEMBER, "ferm-all/domain");
        for (String d : List.of("set-green-only.example", "set-amber-only.example", "set-both.example",
                "douane-aangifte-controle.example", "havenmelding-portaal.test")) {
            assertEquals(1, amber.stream().filter(d::equals).count(), d + " in " + amber);
        }
        // the union of the collections' own feeds, nothing else (but for the versions of the test below)
        List<String> union = new java.util.ArrayList<>();
        for (String c : List.of("ferm-green", "ferm-amber", "ferm-reports")) {
            feed(AMBER_MEMBER, c + "/domain").stream().filter(d -> !union.contains(d)).forEach(union::add);
        }
        assertEquals(new java.util.TreeSet<>(union.stream().filter(d -> !d.startsWith("set-v")).toList()),
                new java.util.TreeSet<>(amber.stream().filter(d -> !d.startsWith("set-v")).toList()));

        // the indicator stored in two collections is one indicator of the bundle
        JsonPath bundle = sample.as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-all/stix").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, bundle.getList("objects.findAll { it.id == '" + GREEN_INDICATOR + "' }").size());

        String explained = sample.as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-all/domain?explain=true").asString();
        assertTrue(explained.startsWith("# CAMISO feed domain of feed set ferm-all (API root ndn)\n"
                + "# from collections ferm-green, ferm-amber, ferm-reports\n"), explained);
    }

    @Test
    void anIndicatorInTwoCollectionsGivesTheValuesOfItsNewestVersionOnly() {
        // more than a read page (1,000) in each collection, newer versions in either one
        int count = 1_200;
        List<String> older = new java.util.ArrayList<>();
        List<String> newer = new java.util.ArrayList<>();
        java.util.Set<String> expected = new java.util.TreeSet<>();
        java.util.Set<String> outdated = new java.util.TreeSet<>();
        for (int n = 0; n < count; n++) {
            String id = "indicator--" + UUID.randomUUID();
            String v1 = "set-v1-" + n + ".example";
            String v2 = "set-v2-" + n + ".example";
            String first = indicator(id, "[domain-name:value = '" + v1 + "']", 50, null, false, "2026-11-21T10:00:00.000Z");
            String second = indicator(id, "[domain-name:value = '" + v2 + "']", 50, null, false, "2026-11-22T10:00:00.000Z");
            // even: the newer version in the AMBER collection; odd: in the GREEN one; every 3rd: the same version in both
            if (n % 3 == 0) {
                older.add(green(second));
                newer.add(second);
                expected.add(v2);
            } else if (n % 2 == 0) {
                older.add(green(first));
                newer.add(second);
                expected.add(v2);
                outdated.add(v1);
            } else {
                older.add(green(second));
                newer.add(first);
                expected.add(v2);
                outdated.add(v1);
            }
        }
        sample.post("ferm-analyst", "ferm-green", older.toArray(String[]::new));
        sample.post("ferm-analyst", "ferm-amber", newer.toArray(String[]::new));

        List<String> domains = feed(AMBER_MEMBER, "ferm-all/domain");
        java.util.Set<String> got = new java.util.TreeSet<>(domains.stream().filter(d -> d.startsWith("set-v")).toList());
        assertEquals(expected, got);
        assertEquals(got.size(), domains.stream().filter(d -> d.startsWith("set-v")).count(), "each value once");
        // one CSV row per value: each indicator once, with its newest version
        String csv = sample.as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-all/csv").then().statusCode(200).extract().asString();
        for (String v : outdated) {
            assertFalse(csv.contains(v), v);
        }
        // with max the same choice
        List<String> capped = feed(AMBER_MEMBER, "ferm-all/domain?max=100000");
        assertEquals(expected, new java.util.TreeSet<>(capped.stream().filter(d -> d.startsWith("set-v")).toList()));
    }

    @Test
    void aGreenMemberGetsNothingOfTheAmberCollection() {
        List<String> green = feed(GREEN_MEMBER, "ferm-all/domain");
        assertTrue(green.contains("set-green-only.example"), green.toString());
        assertTrue(green.contains("set-both.example"), green.toString());
        assertFalse(green.contains("set-amber-only.example"), green.toString());
        String explained = sample.as(GREEN_MEMBER).get("ndn/x-camiso/feeds/ferm-all/rpz?explain=true").asString();
        assertTrue(explained.contains("; from collections ferm-green, ferm-reports\n"), explained);
        assertFalse(explained.contains("ferm-amber"), explained);
        assertEquals(feed(GREEN_MEMBER, "ferm-green/domain").size() <= green.size(), true);
        for (String format : List.of("csv", "stix", "rpz", "suricata", "zeek", "domain-wildcard", "url")) {
            String body = sample.as(GREEN_MEMBER).get("ndn/x-camiso/feeds/ferm-all/" + format).then().statusCode(200)
                    .extract().asString();
            assertFalse(body.contains("set-amber-only"), format + ": " + body);
            assertFalse(body.contains("203.0.113.9"), format + ": " + body); // the sample's AMBER addresses
        }
    }

    @Test
    void aSetItReadsNothingOfAnswersLikeAMissingCollection() {
        Response set = sample.as(OUTSIDER).get("ndn/x-camiso/feeds/ferm-all/domain");
        Response missing = sample.as(OUTSIDER).get("ndn/x-camiso/feeds/no-such-set/domain");
        assertEquals(404, set.statusCode());
        assertEquals(missing.statusCode(), set.statusCode());
        assertEquals(missing.asString(), set.asString());
        assertEquals(missing.contentType(), set.contentType());

        // no credentials: the FERM set asks for them; the hub's set gives the public collection only
        sample.anonymous().get("ndn/x-camiso/feeds/ferm-all/domain").then().statusCode(401);
        List<String> clear = lines(sample.anonymous().get("ndn/x-camiso/feeds/ndn-clear/domain"));
        assertTrue(clear.contains("mijn-digid-verlengen.example"), clear.toString());
        assertEquals(clear, lines(sample.anonymous().get("ndn/x-camiso/feeds/ndn-all/domain")));
        // an account of the network reads more of it (ndn-green), but not the RED collection
        assertTrue(feed(GREEN_MEMBER, "ndn-all/domain").containsAll(feed(GREEN_MEMBER, "ndn-green/domain")));
    }

    @Test
    void theETagMovesWithTheReadableCollectionsOnly() {
        String path = "ndn/x-camiso/feeds/ferm-all/domain";
        String amber = sample.as(AMBER_MEMBER).get(path).then().statusCode(200).extract().header("ETag");
        String green = sample.as(GREEN_MEMBER).get(path).then().statusCode(200).extract().header("ETag");
        assertNotEquals(amber, green);
        sample.as(AMBER_MEMBER).header("If-None-Match", amber).get(path).then().statusCode(304);
        sample.as(GREEN_MEMBER).header("If-None-Match", green).get(path).then().statusCode(304);

        // a change in the AMBER collection: new for the AMBER member, nothing for the GREEN one
        sample.post("ferm-analyst", "ferm-amber", indicator("indicator--" + UUID.randomUUID(),
                "[domain-name:value = 'set-etag-test.example']", null, null, false));
        Response changed = sample.as(AMBER_MEMBER).header("If-None-Match", amber).get(path);
        assertEquals(200, changed.statusCode());
        assertTrue(changed.asString().contains("set-etag-test.example\n"));
        sample.as(GREEN_MEMBER).header("If-None-Match", green).get(path).then().statusCode(304);

        // a change in the GREEN collection: new for both
        sample.post("ferm-analyst", "ferm-green", green(indicator("indicator--" + UUID.randomUUID(),
                "[domain-name:value = 'set-etag-green.example']", null, null, false)));
        Response greenChanged = sample.as(GREEN_MEMBER).header("If-None-Match", green).get(path);
        assertEquals(200, greenChanged.statusCode());
        assertTrue(greenChanged.asString().contains("set-etag-green.example\n"));
    }

    @Test
    void theFeedListNamesOnlyWhatTheRequesterReads() {
        JsonPath amber = sample.as(AMBER_MEMBER).accept("application/json").get("ndn/x-camiso/feeds/")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        List<String> amberSet = amber.getList("feed_sets.find { it.name == 'ferm-all' }.collections");
        assertTrue(amberSet.containsAll(List.of("ferm-green", "ferm-amber")), amberSet.toString());
        // a set names the readable ones only, each of which is listed as a feed of its own
        assertTrue(amber.getList("collections.name").containsAll(amberSet), amber.prettify());
        assertEquals("/ndn/x-camiso/feeds/ferm-all/{format}", amber.getString("feed_sets.find { it.name == 'ferm-all' }.path"));
        assertTrue(amber.getList("collections.name").contains("ferm-amber"));
        assertTrue(amber.getList("formats").contains("rpz"));

        JsonPath green = sample.as(GREEN_MEMBER).accept("application/json").get("ndn/x-camiso/feeds/")
                .then().statusCode(200).extract().jsonPath();
        List<String> greenSet = green.getList("feed_sets.find { it.name == 'ferm-all' }.collections");
        assertTrue(greenSet.contains("ferm-green") && !greenSet.contains("ferm-amber"), greenSet.toString());
        assertFalse(green.getList("collections.name").contains("ferm-amber"));
        assertFalse(green.prettify().contains("1dbc37f0-eb75-4f86-92ea-3e86f78da1f0"), green.prettify());

        JsonPath outsider = sample.as(OUTSIDER).accept("application/json").get("ndn/x-camiso/feeds/")
                .then().statusCode(200).extract().jsonPath();
        assertFalse(outsider.getList("feed_sets.name").contains("ferm-all"));
        sample.as(AMBER_MEMBER).accept("text/html").get("ndn/x-camiso/feeds/").then().statusCode(406);
        sample.as(AMBER_MEMBER).accept("application/json").get("nowhere/x-camiso/feeds/").then().statusCode(404);
    }
}
