package nl.camiso.server.feeds;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.testing.SampleServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ip} feed of one collection, read from the address index the object store keeps, through
 * the whole server (sample network, real HTTP) as indicators change: new versions, revocation,
 * validity passing, deletes, and a database written before the index existed. Each test uses
 * addresses of its own (198.18.N.0/24, 2001:db8:18:N::/64), so their order does not matter. Run by
 * the subclasses on H2 and on PostgreSQL.
 */
abstract class FeedAddressStory {

    static final String TAXII = SampleServer.TAXII;
    static final String AMBER_MEMBER = FeedsOverHttpTest.AMBER_MEMBER;

    private static ServerOptions options;
    private static DatabaseSettings database;
    private static CamisoServer server;

    static void startWith(ServerOptions serverOptions, DatabaseSettings databaseSettings) {
        options = serverOptions;
        database = databaseSettings;
        server = CamisoServer.start(options);
    }

    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static RequestSpecification as(String account) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(account, SampleServer.PASSWORD);
    }

    private static void post(String... objects) {
        Response r = as("ferm-analyst").accept(TAXII).contentType(TAXII)
                .body("{\"objects\":[" + String.join(",", objects) + "]}").post("ndn/collections/ferm-amber/objects/");
        assertEquals(202, r.statusCode(), r.asString());
        assertEquals(objects.length, r.jsonPath().getInt("success_count"), r.asString());
    }

    private static String indicator(String id, String pattern, String modified) {
        return FeedsOverHttpTest.indicator(id, pattern, null, null, false, modified);
    }

    /** The lines of ferm-amber's ip feed that start with the prefix. */
    private static List<String> ips(String prefix) {
        Response r = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/ip");
        r.then().statusCode(200).contentType("text/plain");
        return r.asString().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void aNewVersionReplacesTheAddressesOfTheLatestAndAnOlderOneChangesNothing() {
        String id = "indicator--" + UUID.randomUUID();
        String other = "indicator--" + UUID.randomUUID();
        post(indicator(id, "[ipv4-addr:value IN ('198.18.1.10', '198.18.1.11', '198.18.1.30')]", "2026-11-21T11:00:00.000Z"),
                indicator(other, "[ipv4-addr:value = '198.18.1.30']", "2026-11-21T11:00:00.000Z"));
        assertEquals(List.of("198.18.1.10/31", "198.18.1.30"), ips("198.18.1."));

        post(indicator(id, "[ipv4-addr:value = '198.18.1.20' OR ipv6-addr:value ISSUBSET '2001:db8:18:1::/64']",
                "2026-11-21T12:00:00.000Z"));
        // the other indicator still gives .30
        assertEquals(List.of("198.18.1.20", "198.18.1.30"), ips("198.18.1."));
        assertEquals(List.of("2001:db8:18:1::/64"), ips("2001:db8:18:1:"));
        assertEquals(wholeSetPath(), ips(""));

        // a version older than the latest arrives late: the latest still decides
        post(indicator(id, "[ipv4-addr:value = '198.18.1.99']", "2026-11-21T10:30:00.000Z"));
        assertEquals(List.of("198.18.1.20", "198.18.1.30"), ips("198.18.1."));

        // a latest version whose pattern is not a list (AND) gives no address
        post(indicator(id, "[ipv4-addr:value = '198.18.1.20' AND ipv4-addr:value = '198.18.1.21']",
                "2026-11-21T13:00:00.000Z"));
        assertEquals(List.of("198.18.1.30"), ips("198.18.1."));
        assertEquals(List.of(), ips("2001:db8:18:1:"));
    }

    @Test
    void aRevokedVersionTakesTheAddressesOut() {
        String id = "indicator--" + UUID.randomUUID();
        post(indicator(id, "[ipv4-addr:value = '198.18.2.10']", "2026-11-21T11:00:00.000Z"));
        assertEquals(List.of("198.18.2.10"), ips("198.18.2."));
        post(FeedsOverHttpTest.indicator(id, "[ipv4-addr:value = '198.18.2.10']", null, null, true, "2026-11-21T12:00:00.000Z"));
        assertEquals(List.of(), ips("198.18.2."));
    }

    @Test
    void anIndicatorIsGoneOnceItsValidUntilPassesWithoutAWrite() throws Exception {
        String id = "indicator--" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        post(FeedsOverHttpTest.indicator(id, "[ipv4-addr:value = '198.18.3.10' OR ipv6-addr:value = '2001:db8:18:3::1']",
                null, soon.toString(), false));
        assertEquals(List.of("198.18.3.10"), ips("198.18.3."));
        assertEquals(List.of("2001:db8:18:3::1"), ips("2001:db8:18:3:"));
        while (!Instant.now().isAfter(soon.plusMillis(50))) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), ips("198.18.3."));
        assertEquals(List.of(), ips("2001:db8:18:3:"));
    }

    @Test
    void deletingTheLatestVersionBringsBackThePreviousAndDeletingAllTakesThemOut() {
        String id = "indicator--" + UUID.randomUUID();
        post(indicator(id, "[ipv4-addr:value = '198.18.4.10']", "2026-11-21T11:00:00.000Z"),
                indicator(id, "[ipv4-addr:value = '198.18.4.20']", "2026-11-21T12:00:00.000Z"));
        assertEquals(List.of("198.18.4.20"), ips("198.18.4."));

        as("admin").accept(TAXII).delete("ndn/collections/ferm-amber/objects/" + id
                + "/?match[version]=2026-11-21T12:00:00.000Z").then().statusCode(200);
        assertEquals(List.of("198.18.4.10"), ips("198.18.4."));
        assertEquals(wholeSetPath(), ips(""));

        as("admin").accept(TAXII).delete("ndn/collections/ferm-amber/objects/" + id + "/?match[version]=all")
                .then().statusCode(200);
        assertEquals(List.of(), ips("198.18.4."));
    }

    @Test
    void explainGivesTheCountsAndWhatWasLeftOutAfterTheBlocks() {
        String id = "indicator--" + UUID.randomUUID();
        post(indicator(id, "[ipv4-addr:value IN ('198.18.6.0/25', '198.18.6.128/25', '10.18.6.1')]", "2026-11-21T11:00:00.000Z"));
        String body = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/ip?explain=true").then().statusCode(200)
                .extract().asString();
        assertTrue(body.startsWith("# CAMISO feed ip of collection ferm-amber (API root ndn)\n"), body);
        int block = body.indexOf("\n198.18.6.0/24\n");
        int leftOut = body.indexOf("# left out: 10.18.6.1 (" + id + "): in allow-listed 10.0.0.0/8 (private (RFC 1918))\n");
        int counts = body.indexOf(" entries from ");
        assertTrue(block > 0 && counts > block && leftOut > counts, body);
    }

    /**
     * A database written before the address index (here: the server's own, with the table and its
     * migration and fill undone) gets the rows of its stored indicators at the next start, before it serves.
     */
    @Test
    void aDatabaseWrittenBeforeTheIndexIsFilledAtTheNextStart() throws Exception {
        String id = "indicator--" + UUID.randomUUID();
        post(indicator(id, "[ipv4-addr:value IN ('198.18.5.10', '198.18.5.11') OR ipv6-addr:value = '2001:db8:18:5::1']",
                "2026-11-21T11:00:00.000Z"));
        stop();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE feed_address");
            st.execute("DELETE FROM schema_version WHERE script = 'V18_0__feed_addresses.sql'");
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM camiso_seed WHERE seed_key = ?")) {
                ps.setString(1, FeedAddresses.FILLED_MARK);
                assertEquals(1, ps.executeUpdate());
            }
        }
        server = CamisoServer.start(options);
        assertEquals(List.of("198.18.5.10/31"), ips("198.18.5."));
        assertEquals(List.of("2001:db8:18:5::1"), ips("2001:db8:18:5:"));
        // the sample's indicators too, as the whole-collection path gives them
        assertEquals(List.of("203.0.113.9", "203.0.113.10"), ips("203.0.113."));
        assertEquals(wholeSetPath(), ips(""));
    }

    /** The collection's ip feed as the whole-set path (used for {@code max}) merges it: the lines the index must give. */
    private static List<String> wholeSetPath() {
        Response r = as(AMBER_MEMBER).get("ndn/x-camiso/feeds/ferm-amber/ip?max=" + FeedResource.MAX_MAX);
        r.then().statusCode(200);
        return r.asString().lines().toList();
    }
}
