package nl.camiso.server.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a scenario against the real server (H2, the sample network) with every kind of credential:
 * logins with right and wrong passwords, a password typed into the user name field, tokens from
 * the token endpoint used on every extension endpoint, forged and stale tokens, an account whose
 * password changes, feed keys used, refused and revoked. Then it reads everything the server wrote: every log line (at DEBUG for the
 * server's own loggers), every row of every table (the audit trail included) and the database
 * file itself, and asserts that none of those passwords and tokens, nor their signature or payload
 * parts, appears anywhere.
 */
class NoSecretIsStoredTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String DEMO = "camiso-demo";
    static final String ISAC_AMBER = "d892b67c-edf4-4da3-9be6-e423d2e85012";
    static final String DTC_GREEN = "eae7da99-abe2-4a77-821a-4fa87e6e9bdb";
    static final String INDICATOR = "indicator--1fc45cf8-85aa-4cf0-9744-505a23c973cb";

    @TempDir
    Path dir;

    /** Every secret the scenario used (passwords, tokens, feed keys, and the recognisable parts of tokens and keys). */
    final Set<String> secrets = new LinkedHashSet<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    CamisoServer server;

    RequestSpecification basic(String user, String password) {
        secrets.add(password);
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic(user, password)
                .accept("application/json");
    }

    RequestSpecification bearer(String token) {
        secretToken(token);
        return given().baseUri(server.baseUri().toString()).header("Authorization", "Bearer " + token)
                .accept("application/json");
    }

    void secretToken(String token) {
        secrets.add(token);
        String[] parts = token.split("\\.");
        if (parts.length > 1 && parts[1].length() >= 16) {
            secrets.add(parts[1]); // the payload: unique per token
        }
        if (parts.length > 2 && parts[2].length() >= 16) {
            secrets.add(parts[2]);
            secrets.add(parts[2].substring(0, 16)); // also a signature cut short
        }
    }

    String token(String user, String password) {
        String t = basic(user, password).post("x-camiso/token/?ttl=600").then().statusCode(200)
                .extract().path("access_token");
        secretToken(t);
        return t;
    }

    static String unique(String what) {
        return what + "-" + UUID.randomUUID();
    }

    @Test
    void noPasswordOrTokenIsLoggedOrStored() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("nl.camiso");
        Logger audit = (Logger) LoggerFactory.getLogger("camiso");
        Level oursBefore = ours.getLevel();
        Level auditBefore = audit.getLevel();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                logLines.add(e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                        + (e.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        };
        capture.start();
        root.addAppender(capture);
        ours.setLevel(Level.DEBUG);
        audit.setLevel(Level.DEBUG);
        Path data = dir.resolve("data");
        try {
            server = CamisoServer.start(ServerOptions.forTests(data));
            scenario();
        } finally {
            if (server != null) {
                server.close();
            }
            root.detachAppender(capture);
            ours.setLevel(oursBefore);
            audit.setLevel(auditBefore);
        }

        assertTrue(logLines.stream().anyMatch(l -> l.contains("CAMISO listening")), "the log was captured");
        List<String> rows = allRows(DatabaseSettings.h2(data));
        assertTrue(rows.stream().filter(r -> r.contains("login-failed")).count() >= 15,
                "the refusals are in the audit trail");
        assertTrue(rows.stream().anyMatch(r -> r.contains("leak-probe")), "the table scan sees the scenario's rows");

        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            logLines.stream().filter(l -> l.contains(secret)).findFirst()
                    .ifPresent(l -> found.add("log: " + secret + " in " + l));
            rows.stream().filter(r -> r.contains(secret)).findFirst()
                    .ifPresent(r -> found.add("database row: " + secret + " in " + r));
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("jwt.secret")).toList()) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (raw.contains(secret)) {
                        found.add("file " + f.getFileName() + ": " + secret);
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            fail(found.size() + " secrets found:\n" + String.join("\n", found));
        }
    }

    void scenario() throws Exception {
        String base = server.baseUri().toString();
        // passwords: right, wrong, for unknown accounts, typed into the name field, and malformed headers
        basic("ncsc-analyst", DEMO).accept(TAXII).get("ndn/collections/").then().statusCode(200);
        basic("ncsc-analyst", unique("wrong-password")).accept(TAXII).get("ndn/collections/").then().statusCode(401);
        basic(unique("nobody"), unique("their-password")).accept(TAXII).get("ndn/collections/").then().statusCode(401);
        String typedIntoName = unique("password-as-user-name");
        secrets.add(typedIntoName);
        basic(typedIntoName, unique("any")).accept(TAXII).get("ndn/collections/").then().statusCode(401);
        String notBase64 = unique("not-base64-credentials");
        secrets.add(notBase64);
        given().baseUri(base).header("Authorization", "Basic " + notBase64).get("ndn/collections/").then().statusCode(401);
        String otherScheme = unique("digest-response");
        secrets.add(otherScheme);
        given().baseUri(base).header("Authorization", "Digest " + otherScheme).get("ndn/collections/").then().statusCode(401);

        // tokens from the endpoint, on every extension endpoint
        String ncsc = token("ncsc-analyst", DEMO);
        String isac = token("isac-energie-analyst", DEMO);
        String dtc = token("dtc-analyst", DEMO);
        String ferm = token("ferm-analyst", DEMO);
        String supervisor = token("supervisor", DEMO);
        String admin = token("admin", DEMO);
        bearer(ncsc).accept(TAXII).get("taxii2/").then().statusCode(200);
        bearer(ncsc).accept(TAXII).get("ndn/collections/").then().statusCode(200);
        bearer(ncsc).accept(TAXII).contentType(TAXII).body("{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                + "\"id\":\"indicator--" + UUID.randomUUID() + "\",\"created_by_ref\":\"identity--d93a6ec8-2fe4-4ce6-b224-b59109f0e700\","
                + "\"created\":\"2026-11-21T10:00:00.000Z\",\"modified\":\"2026-11-21T10:00:00.000Z\",\"name\":\"x\","
                + "\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '198.51.100.9']\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-11-21T10:00:00Z\"}]}")
                .post("ndn/collections/ndn-green/objects/").then().statusCode(202);
        bearer(isac).get("ndn/x-camiso/objects/" + INDICATOR + "/actions/").then().statusCode(200);
        bearer(ncsc).get("ndn/x-camiso/objects/indicator--00000000-0000-4000-8000-000000000001/actions/").then().statusCode(404);
        bearer(isac).contentType("application/json").body("{\"intermediary\":\"dtc\"}")
                .put("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(200);
        bearer(dtc).contentType("application/json").body("{\"source_collection\":\"" + ISAC_AMBER + "\",\"target_collection\":\""
                        + DTC_GREEN + "\",\"object_ids\":[\"" + INDICATOR + "\"],\"include_actions\":false,"
                        + "\"sanitised_text\":{\"" + INDICATOR + "\":{\"name\":\"Two addresses\",\"description\":\"Block them.\"}}}")
                .post("ndn/x-camiso/releases/").then().statusCode(201);
        bearer(isac).delete("ndn/x-camiso/consents/" + ISAC_AMBER + "/").then().statusCode(204);
        bearer(ferm).contentType("application/json").body("{\"from_collection\":\"ferm-reports\",\"to_collection\":\"ndn-reports\","
                + "\"anonymise\":true}").post("ndn/x-camiso/sightings/forward/").then().statusCode(202);
        bearer(supervisor).get("x-camiso/audit/?limit=10").then().statusCode(200);
        bearer(ncsc).get("x-camiso/audit/").then().statusCode(403);
        bearer(admin).get("x-camiso/admin/accounts/").then().statusCode(200);
        bearer(ncsc).post("x-camiso/token/").then().statusCode(403); // no renewal with a token

        // an account made, used, its password changed, then deleted, all through the admin API
        String first = unique("first-password");
        String second = unique("second-password");
        secrets.add(first);
        secrets.add(second);
        bearer(admin).contentType("application/json")
                .body("{\"password\":\"" + first + "\",\"organisation\":\"ncsc\",\"roles\":[]}")
                .put("x-camiso/admin/accounts/leak-probe/").then().statusCode(201);
        String probe = token("leak-probe", first);
        bearer(probe).accept(TAXII).get("ndn/collections/").then().statusCode(200);
        bearer(admin).contentType("application/json").body("{\"password\":\"" + second + "\"}")
                .put("x-camiso/admin/accounts/leak-probe/").then().statusCode(200);
        bearer(probe).accept(TAXII).get("ndn/collections/").then().statusCode(401);
        basic("leak-probe", first).accept(TAXII).get("ndn/collections/").then().statusCode(401);
        String probe2 = token("leak-probe", second);
        bearer(admin).delete("x-camiso/admin/accounts/leak-probe/").then().statusCode(204);
        bearer(probe2).accept(TAXII).get("ndn/collections/").then().statusCode(401);
        // wrong passwords and bad bodies on the admin API carry a password too
        String shortPassword = unique("p").substring(0, 7);
        secrets.add(shortPassword);
        bearer(admin).contentType("application/json").body("{\"password\":\"" + shortPassword + "\",\"roles\":[]}")
                .put("x-camiso/admin/accounts/leak-probe-2/").then().statusCode(400);

        // feed keys: created, used as ?key= and as a bearer token, refused off the feeds, revoked, guessed
        Map<String, Object> created = bearer(admin).contentType("application/json").body("{\"label\":\"leak-probe-device\"}")
                .post("x-camiso/admin/accounts/ncsc-analyst/feed-keys/").then().statusCode(201)
                .extract().jsonPath().getMap("");
        String feedKey = (String) created.get("key");
        secrets.add(feedKey);
        secrets.add(feedKey.substring(4)); // the random part
        secrets.add(feedKey.substring(4, 20));
        given().baseUri(base).get("ndn/x-camiso/feeds/ndn-green/ip?key=" + feedKey).then().statusCode(200);
        given().baseUri(base).get("ndn/x-camiso/feeds/ndn-green/ip?explain=true&key=" + feedKey).then().statusCode(200);
        bearer(feedKey).get("ndn/x-camiso/feeds/ndn-green/domain").then().statusCode(200);
        given().baseUri(base).accept(TAXII).get("ndn/collections/?key=" + feedKey).then().statusCode(403);
        given().baseUri(base).get("x-camiso/admin/accounts/?key=" + feedKey).then().statusCode(403);
        bearer(admin).get("x-camiso/admin/feed-keys/").then().statusCode(200);
        bearer(admin).delete("x-camiso/admin/feed-keys/" + created.get("id") + "/").then().statusCode(204);
        given().baseUri(base).get("ndn/x-camiso/feeds/ndn-green/ip?key=" + feedKey).then().statusCode(401);
        bearer(feedKey).get("ndn/x-camiso/feeds/ndn-green/ip").then().statusCode(401);
        String guessedKey = "cfk_" + unique("guessed-feed-key");
        secrets.add(guessedKey.substring(4));
        given().baseUri(base).get("ndn/x-camiso/feeds/ndn-green/ip?key=" + guessedKey).then().statusCode(401);

        // forged and damaged tokens
        String[] p = ncsc.split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String marker = unique("forged-payload-marker");
        secrets.add(marker);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"admin\",\"note\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
        List<String> forged = List.of(
                noneHeader + "." + p[1] + ".",
                noneHeader + "." + p[1] + "." + p[2],
                p[0] + "." + forgedPayload + "." + p[2],
                p[0] + "." + p[1] + "." + p[2].replace('-', '+').replace('_', '/') + "A",
                p[0] + "." + p[1] + "." + p[2] + "=",
                p[0] + "." + p[1] + "." + new StringBuilder(p[2]).reverse(),
                p[0] + "." + p[1] + " " + p[2],
                ncsc + "." + p[2],
                marker);
        for (String f : forged) {
            bearer(f).accept(TAXII).get("ndn/collections/").then().statusCode(401);
            bearer(f).post("x-camiso/token/").then().statusCode(401);
        }
        // a token of a deleted account, and a garbage token on each extension endpoint
        for (String path : List.of("ndn/x-camiso/objects/" + INDICATOR + "/actions/", "x-camiso/audit/",
                "x-camiso/admin/accounts/", "ndn/x-camiso/consents/" + ISAC_AMBER + "/")) {
            bearer(probe2).get(path).then().statusCode(401);
            bearer(forged.get(2)).get(path).then().statusCode(401);
        }
        assertEquals(401, bearer(probe).contentType("application/json").body("{}").post("ndn/x-camiso/releases/").statusCode());
        assertEquals(401, bearer(probe).contentType("application/json").body("{}")
                .post("ndn/x-camiso/sightings/forward/").statusCode());
    }

    /** Every row of every table, each as one line of its column values (binary columns as UTF-8). */
    static List<String> allRows(DatabaseSettings settings) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("camiso_audit")), tables.toString());
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= n; i++) {
                            row.append(' ').append(text(rs.getObject(i)));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static String text(Object o) throws Exception {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (o instanceof Blob b) {
            return new String(b.getBytes(1, (int) b.length()), StandardCharsets.UTF_8);
        }
        if (o instanceof Clob c) {
            return c.getSubString(1, (int) c.length());
        }
        return String.valueOf(o);
    }
}
