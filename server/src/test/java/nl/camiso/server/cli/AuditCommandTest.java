package nl.camiso.server.cli;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * NEEDS the storage helper's Database (skipped while it is the stub).
 */
class AuditCommandTest {

    static final String TAXII = "application/taxii+json;version=2.1";

    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    Run camiso(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.resolve("data").toString();
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(all), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
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
        Run ok = camiso("audit", "verify");
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().startsWith("audit chain intact: 3 entries, head hash "), ok.out());
        Run list = camiso("audit", "list", "--action", "login-failed");
        assertEquals(3, list.out().lines().count(), list.out());
        assertTrue(list.out().lines().allMatch(l -> l.contains("\tlogin-failed\tdenied\tactor=admin")), list.out());

        DatabaseSettings db = DatabaseSettings.h2(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE camiso_audit SET detail = 'nothing happened' WHERE seq = 2");
        }
        Run broken = camiso("audit", "verify");
        assertEquals(1, broken.code(), broken.out());
        assertTrue(broken.out().startsWith("audit chain BROKEN at entry 2: "), broken.out());
    }
}
