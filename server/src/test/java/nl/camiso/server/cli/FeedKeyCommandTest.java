package nl.camiso.server.cli;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code camiso feed-key create/list/revoke} on the database a real server then uses. */
class FeedKeyCommandTest {

    static final String AMBER_MEMBER = "maasvlakte-stuwadoors-analyst";
    static final String FEED = "ndn/x-camiso/feeds/ferm-amber/ip?key=";

    @TempDir
    Path dir;

    CliRun camiso(String... args) {
        return CliRun.withDataDir(dir.resolve("data"), args);
    }

    int feedStatus(String key) {
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            return given().baseUri(server.baseUri().toString()).get(FEED + key).statusCode();
        }
    }

    @Test
    void createUseListAndRevoke() {
        feedStatus("cfk_none"); // a first start loads the sample network and its accounts
        CliRun created = camiso("feed-key", "create", AMBER_MEMBER, "--label", "opnsense-gw");
        assertEquals(0, created.code(), created.err());
        String key = created.out().trim();
        assertTrue(key.startsWith("cfk_") && !key.contains("\n"), "only the key on stdout: " + key);
        String id = created.err().replaceAll("(?s).*feed key (fk-[0-9a-f]+) .*", "$1");
        assertTrue(id.startsWith("fk-"), created.err());

        assertEquals(200, feedStatus(key));

        CliRun list = camiso("feed-key", "list", AMBER_MEMBER);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(id) && list.out().contains("opnsense-gw"), list.out());
        assertFalse(list.out().contains(key.substring(4)), "the list never shows a key");

        assertEquals(0, camiso("feed-key", "revoke", id).code());
        assertEquals(1, camiso("feed-key", "revoke", id).code(), "already revoked");
        assertEquals(401, feedStatus(key));
        assertEquals(1, camiso("feed-key", "create", "nobody").code());
    }
}
