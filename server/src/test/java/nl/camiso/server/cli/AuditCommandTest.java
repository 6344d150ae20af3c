package nl.camiso.server.cli;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path: the real server records events in its database; {@code camiso audit verify}
 * and {@code list} read them; tampering in SQL makes verify exit 1 at the right entry.
 */
class AuditCommandTest {

    static final String TAXII = "application/taxii+json;version=2.1";

    @TempDir
    Path dir;

    CliRun camiso(String... args) {
        return CliRun.withDataDir(dir.resolve("data"), args);
    }

    @Test
    void verifyAndListTheServersTrailThenDetectTampering() throws Exception {
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            String base = server.baseUri().toString();
            for (int i = 0; i < 3; i++) {
                given().baseUri(base).auth().preemptive().basic("admin", "wrong-" + i).accept(TAXII)
                        .get("taxii2/").then().statusCode(401);
            }
            given().baseUri(base).auth().preemptive().basic("supervisor", "camiso-demo").accept("application/json")
                    .get("x-camiso/audit/").then().statusCode(200);
        }
        CliRun ok = camiso("audit", "verify");
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().startsWith("audit chain intact: 3 entries, head hash "), ok.out());
        CliRun list = camiso("audit", "list", "--action", "login-failed");
        assertEquals(3, list.out().lines().count(), list.out());
        assertTrue(list.out().lines().allMatch(l -> l.contains("\tlogin-failed\tdenied\tactor=admin")), list.out());

        DatabaseSettings db = DatabaseSettings.h2(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE camiso_audit SET detail = 'nothing happened' WHERE seq = 2");
        }
        CliRun broken = camiso("audit", "verify");
        assertEquals(1, broken.code(), broken.out());
        assertTrue(broken.out().startsWith("audit chain BROKEN at entry 2: "), broken.out());
    }
}
