package nl.camiso.server;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code next} token is stateless and authenticated with a key kept in the database: it works
 * after a restart and on another server on the same database, and only for the collection and
 * account it was issued to.
 */
class NextTokenAcrossServersTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String CLEAR = "ndn/collections/580ffeab-2948-4620-a1a1-0ef9bfa2830c/objects/";
    static final String GREEN = "ndn/collections/deeadbed-fb79-43d2-8a28-43cf9e91a347/objects/";
    static final String PG_URL = System.getProperty("camiso.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("camiso.test.pg.user", "postgres");

    @TempDir
    Path dir;

    static RequestSpecification as(CamisoServer server, String user) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(user, "camiso-demo").accept(TAXII);
    }

    /** Every indicator and identity of ndn-clear in date_added order, and the token after the first three. */
    static List<String> firstPage(CamisoServer server, String[] next) {
        List<String> all = as(server, "admin").queryParam("match[type]", "indicator,identity").get(CLEAR + "?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("objects.id");
        assertTrue(all.size() > 6, "the sample collection has enough indicators and identities: " + all.size());
        Response first = as(server, "admin").queryParam("match[type]", "indicator,identity").queryParam("limit", "3")
                .get(CLEAR);
        assertEquals(all.subList(0, 3), first.then().statusCode(200).extract().jsonPath().getList("objects.id"));
        next[0] = first.jsonPath().getString("next");
        return all;
    }

    static void continuesOn(CamisoServer other, List<String> all, String next) {
        assertEquals(all.subList(3, 6), as(other, "admin").queryParam("next", next).get(CLEAR)
                .then().statusCode(200).extract().jsonPath().getList("objects.id"));
        as(other, "ncsc-analyst").queryParam("next", next).get(CLEAR).then().statusCode(400)
                .contentType(equalTo(TAXII)).body("title", containsString("next"));
        as(other, "admin").queryParam("next", next).get(GREEN).then().statusCode(400);
    }

    @Test
    void aTokenSurvivesARestart() {
        Path data = dir.resolve("data");
        String[] next = new String[1];
        List<String> all;
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(data))) {
            all = firstPage(server, next);
        }
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(data))) {
            continuesOn(server, all, next[0]);
        }
    }

    @Test
    void aTokenWorksOnAnotherServerOnTheSameDatabase() {
        String schema = "camiso_next_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try {
            ServerOptions a = ServerOptions.forTests(dir.resolve("a"));
            try (CamisoServer first = CamisoServer.start(withDatabase(a, url));
                 CamisoServer second = CamisoServer.start(withDatabase(ServerOptions.forTests(dir.resolve("b")), url))) {
                String[] next = new String[1];
                List<String> all = firstPage(first, next);
                continuesOn(second, all, next[0]);
            }
        } finally {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                // left for the next database reset
            }
        }
    }

    private static ServerOptions withDatabase(ServerOptions o, String jdbcUrl) {
        return new ServerOptions(o.configFile(), o.bind(), o.port(), o.dataDir(), jdbcUrl, PG_USER, "",
                o.keystore(), o.keystorePassword(), o.loadSamples());
    }
}
