package nl.camiso.server.feeds;

import io.restassured.response.Response;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.testing.SampleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static nl.camiso.server.feeds.FeedsOverHttpTest.AMBER_MEMBER;
import static nl.camiso.server.feeds.FeedsOverHttpTest.indicator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server-wide Suricata sids (SuricataSids, table camiso_suricata_sid) through the whole server:
 * first come keeps its sid on a collision, one rule has one sid in every way of asking for it, and
 * the sids survive a restart on the same H2 file.
 */
class SuricataSidsOverHttpTest {

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-suricata-sids-test");

    /** Indicator ids whose address rules ask for the same slot, 259682 (checked below). */
    static final String FIRST = "indicator--00000000-0000-4000-8000-000000001e5c";
    static final String SECOND = "indicator--00000000-0000-4000-8000-0000000047b2";
    static final String OLDER = "indicator--00000000-0000-4000-8000-0000000052e1";

    static String created(String id, String pattern, String created) {
        return indicator(id, pattern, 50, null, false)
                .replace("\"created\":\"2026-11-21T10:00:00.000Z\"", "\"created\":\"" + created + "\"");
    }

    static String body(URI base, String path) {
        Response r = given().baseUri(base.toString()).auth().preemptive().basic(AMBER_MEMBER, SampleServer.PASSWORD)
                .get("ndn/x-camiso/feeds/" + path);
        assertEquals(200, r.statusCode(), path + ": " + r.asString());
        return r.asString();
    }

    /** The sid of each rule of the given indicators, by indicator id and rule kind ("alert ip", "alert dns", ...). */
    static Map<String, Long> sids(String body, String... indicators) {
        Map<String, Long> sids = new HashMap<>();
        for (String line : body.split("\n")) {
            for (String id : indicators) {
                if (!line.startsWith("#") && line.contains("(" + id + ")")) {
                    String key = id + " " + line.substring(0, line.indexOf(" $HOME_NET"));
                    assertEquals(null, sids.put(key, FeedDeviceFormatsTest.sid(line)), "two rules " + key + " in " + body);
                }
            }
        }
        return sids;
    }

    /** The rules without the server's port in their reference (a restarted server listens on another). */
    static List<String> rules(String body) {
        return body.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("127\\.0\\.0\\.1:\\d+/", "server/")).toList();
    }

    @Test
    void collidingRulesTakeTheNextFreeSidFirstComeAndKeepItInEveryFeed() {
        long slot = FeedSuricata.slot(FeedSuricata.identity(FIRST + "\nip"));
        assertEquals(259682, slot);
        assertEquals(slot, FeedSuricata.slot(FeedSuricata.identity(SECOND + "\nip")));
        assertEquals(slot, FeedSuricata.slot(FeedSuricata.identity(OLDER + "\nip")));
        URI base = sample.server().baseUri();

        sample.post("ferm-analyst", "ferm-amber",
                created(FIRST, "[ipv4-addr:value = '198.51.100.31']", "2026-01-02T00:00:00.000Z"),
                created(SECOND, "[ipv4-addr:value = '198.51.100.32']", "2026-01-03T00:00:00.000Z"));
        Map<String, Long> first = sids(body(base, "ferm-amber/suricata"), FIRST, SECOND);
        long a = first.get(FIRST + " alert ip");
        long b = first.get(SECOND + " alert ip");
        assertEquals(FeedSuricata.SID_FIRST + slot, a);
        assertTrue(b > a && b < a + 10, first.toString());

        // an indicator created before both, whose rule asks for the same slot, arrives later: first come keeps it
        sample.post("ferm-analyst", "ferm-amber",
                created(OLDER, "[ipv4-addr:value = '198.51.100.33'] OR [domain-name:value = 'older-sid-test.example']",
                        "2025-01-01T00:00:00.000Z"));
        // asked first through a feed set, so that the whole-set writer gives the new sids
        Map<String, Long> viaSet = sids(body(base, "ferm-all/suricata"), FIRST, SECOND, OLDER);
        long c = viaSet.get(OLDER + " alert ip");
        assertEquals(a, viaSet.get(FIRST + " alert ip"));
        assertEquals(b, viaSet.get(SECOND + " alert ip"));
        assertTrue(c > b && c < a + 10, viaSet.toString());
        assertEquals(5, viaSet.size(), viaSet.toString()); // three address rules, dns and tls of the domain
        assertNotEquals(viaSet.get(OLDER + " alert dns"), viaSet.get(OLDER + " alert tls"));

        // the same rules with the same sids streamed, with max and through the set, poll after poll
        assertEquals(viaSet, sids(body(base, "ferm-amber/suricata"), FIRST, SECOND, OLDER));
        assertEquals(viaSet, sids(body(base, "ferm-amber/suricata?max=100000"), FIRST, SECOND, OLDER));
        assertEquals(viaSet, sids(body(base, "ferm-amber/suricata?explain=true"), FIRST, SECOND, OLDER));
        assertEquals(viaSet, sids(body(base, "ferm-all/suricata?max=100000"), FIRST, SECOND, OLDER));
    }

    @Test
    void theStreamedFeedHasItsCountsInATrailer() {
        String body = body(sample.server().baseUri(), "ferm-amber/suricata");
        List<String> lines = List.of(body.split("\n"));
        assertTrue(lines.get(1).endsWith("; entry counts at the end"), body);
        long rules = lines.stream().filter(l -> l.startsWith("alert ")).count();
        assertTrue(rules > 0, body);
        assertTrue(lines.get(lines.size() - 1).matches("# " + rules + " entries from \\d+ indicators"), body);
    }

    @Test
    void sidsSurviveARestartOnTheSameDatabaseFile() {
        String id = "indicator--" + UUID.randomUUID();
        String other = "indicator--" + UUID.randomUUID();
        try (SampleServer own = SampleServer.start("camiso-suricata-sids-restart")) {
            own.post("ferm-analyst", "ferm-amber", indicator(id, "[ipv4-addr:value = '198.51.100.41']"
                    + " OR [url:value = 'http://restart-sid-test.example/x']", 50, null, false));
            String before = body(own.server().baseUri(), "ferm-amber/suricata");
            Map<String, Long> sids = sids(before, id);
            assertEquals(2, sids.size(), before);
            own.server().close();
            try (CamisoServer again = CamisoServer.start(ServerOptions.forTests(own.dataDir()))) {
                String after = body(again.baseUri(), "ferm-amber/suricata");
                assertEquals(sids, sids(after, id));
                assertEquals(rules(before), rules(after));
                // a rule new after the restart does not take a sid given before it
                given().baseUri(again.baseUri().toString()).auth().preemptive().basic("ferm-analyst", SampleServer.PASSWORD)
                        .accept(SampleServer.TAXII).contentType(SampleServer.TAXII)
                        .body("{\"objects\":[" + indicator(other, "[ipv4-addr:value = '198.51.100.42']", 50, null, false) + "]}")
                        .post("ndn/collections/ferm-amber/objects/").then().statusCode(202);
                String withOther = body(again.baseUri(), "ferm-amber/suricata");
                long otherSid = sids(withOther, other).get(other + " alert ip");
                assertFalse(sids.containsValue(otherSid), withOther);
                assertEquals(sids, sids(withOther, id));
            }
        }
    }
}
