package nl.camiso.server;

import nl.camiso.server.storage.HibernateAccountTables;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole server: real Grizzly on a free port, real H2 in a temp dir, the sample
 * configuration.
 */
class ServerEndToEndTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String CLEAR = "580ffeab-2948-4620-a1a1-0ef9bfa2830c";

    @TempDir
    Path dir;

    @BeforeEach
    void needsStorage() {
    }

    static RequestSpecification as(CamisoServer server, String user, String password) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(user, password).accept(TAXII);
    }

    static List<String> objectIds(CamisoServer server) {
        return as(server, "admin", "camiso-demo").get("ndn/collections/" + CLEAR + "/objects/?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("objects.id");
    }

    @Test
    void startsWithTheSampleConfigurationAndDemoAdmin() {
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port() + "/", server.baseUri().toString());
            given().baseUri(server.baseUri().toString()).accept(TAXII).get("taxii2/")
                    .then().statusCode(401).header("WWW-Authenticate", equalTo("Basic realm=\"camiso\", Bearer realm=\"camiso\""));
            as(server, "admin", "wrong-password").get("taxii2/").then().statusCode(401);
            as(server, "admin", "camiso-demo").get("taxii2/").then().statusCode(200)
                    .body("title", equalTo("CAMISO — NDN demo"));
            as(server, "admin", "camiso-demo").get("ndn/collections/").then().statusCode(200)
                    .body("collections.alias", hasItem("ndn-clear"))
                    .body("collections.find { it.alias == 'ndn-clear' }.can_write", equalTo(true));
            assertTrue(objectIds(server).contains("indicator--2f0576f1-ee8c-46d7-af1f-77cba0a1e75d"));
        }
    }

    @Test
    void samplesAndAccountsAreSeededOnlyOnce() {
        Path data = dir.resolve("data");
        int loaded;
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(data))) {
            loaded = objectIds(server).size();
            assertEquals(31, loaded, "all objects of samples/stix/ndn-clear.json");
        }
        try (Database db = Database.open(DatabaseSettings.h2(data), HibernateAccountTables.ENTITY_CLASSES)) {
            new AccountStore(db.accountTables()).setPassword("admin", "changed-password");
        }
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(data))) {
            as(server, "admin", "camiso-demo").get("taxii2/").then().statusCode(401);
            as(server, "admin", "changed-password").get("taxii2/").then().statusCode(200);
            given().baseUri(server.baseUri().toString()).auth().preemptive().basic("admin", "changed-password")
                    .accept(TAXII).get("ndn/collections/" + CLEAR + "/objects/?limit=1000")
                    .then().statusCode(200).body("objects.size()", equalTo(loaded));
        }
    }

    @Test
    void noSamplesMeansEmptyCollections() {
        ServerOptions o = ServerOptions.forTests(dir.resolve("data"));
        ServerOptions noSamples = new ServerOptions(o.configFile(), o.bind(), 0, o.dataDir(), null, null, null, null, null, false);
        try (CamisoServer server = CamisoServer.start(noSamples)) {
            as(server, "admin", "camiso-demo").get("ndn/collections/" + CLEAR + "/objects/")
                    .then().statusCode(200).body("objects", org.hamcrest.Matchers.anyOf(
                            org.hamcrest.Matchers.nullValue(), org.hamcrest.Matchers.empty()));
        }
    }

    @Test
    void anAccountExchangesItsPasswordForABearerToken() {
        try (CamisoServer server = CamisoServer.start(ServerOptions.forTests(dir.resolve("data")))) {
            String base = server.baseUri().toString();
            given().baseUri(base).post("x-camiso/token/").then().statusCode(401);
            given().baseUri(base).auth().preemptive().basic("ncsc-analyst", "wrong").post("x-camiso/token/")
                    .then().statusCode(401);
            given().baseUri(base).auth().preemptive().basic("ncsc-analyst", "camiso-demo")
                    .post("x-camiso/token/?ttl=0").then().statusCode(400);
            String token = given().baseUri(base).auth().preemptive().basic("ncsc-analyst", "camiso-demo")
                    .post("x-camiso/token/?ttl=600").then().statusCode(200)
                    .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(600))
                    .extract().path("access_token");
            // the token stands for the same account: it sees the same collections, and no more
            List<String> withPassword = as(server, "ncsc-analyst", "camiso-demo").get("ndn/collections/")
                    .then().statusCode(200).extract().path("collections.alias");
            List<String> withToken = given().baseUri(base).header("Authorization", "Bearer " + token).accept(TAXII)
                    .get("ndn/collections/").then().statusCode(200).extract().path("collections.alias");
            assertEquals(withPassword, withToken);
            given().baseUri(base).header("Authorization", "Bearer " + token + "x").accept(TAXII)
                    .get("ndn/collections/").then().statusCode(401);
        }
    }
}
