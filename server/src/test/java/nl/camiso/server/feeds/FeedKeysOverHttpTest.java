package nl.camiso.server.feeds;

import io.restassured.specification.RequestSpecification;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.testing.SampleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feed keys over real HTTP with the sample network: created and revoked through the admin API, a
 * key reads the feeds its account may read (as {@code ?key=} and as a bearer token), and nothing
 * else: no TAXII endpoint, no admin API, no token, no audit trail, no write.
 */
class FeedKeysOverHttpTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String AMBER_MEMBER = "maasvlakte-stuwadoors-analyst";
    static final String GREEN_MEMBER = "koelhuis-botlek-analyst";

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-feed-keys-test");

    static RequestSpecification http() {
        return sample.anonymous();
    }

    static RequestSpecification admin() {
        return sample.as("admin").accept("application/json");
    }

    static Map<String, Object> createKey(String account, String label) {
        return admin().contentType("application/json").body("{\"label\":\"" + label + "\"}")
                .post("x-camiso/admin/accounts/" + account + "/feed-keys/")
                .then().statusCode(201).extract().jsonPath().getMap("");
    }

    static String key(Map<String, Object> created) {
        return (String) created.get("key");
    }

    @Test
    void aKeyReadsTheFeedsOfItsAccountAsParameterAndAsBearer() {
        Map<String, Object> created = createKey(AMBER_MEMBER, "opnsense");
        String key = key(created);
        assertTrue(key.startsWith("cfk_") && key.length() > 40, key);
        String byPassword = sample.as(AMBER_MEMBER)
                .get("ndn/x-camiso/feeds/ferm-amber/ip").then().statusCode(200).extract().asString();
        assertFalse(byPassword.isEmpty());
        assertEquals(byPassword, http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + key)
                .then().statusCode(200).contentType("text/plain").extract().asString());
        assertEquals(byPassword, http().header("Authorization", "Bearer " + key).get("ndn/x-camiso/feeds/ferm-amber/ip")
                .then().statusCode(200).extract().asString());
        // authenticated answers stay out of shared caches
        http().get("ndn/x-camiso/feeds/ferm-amber/rpz?key=" + key).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("private"));

        // listed by id, never with the key
        String list = admin().get("x-camiso/admin/feed-keys/?account=" + AMBER_MEMBER).then().statusCode(200)
                .body("feed_keys.id", org.hamcrest.Matchers.hasItem(created.get("id")))
                .extract().asString();
        assertFalse(list.contains(key) || list.contains(key.substring(4, 20)), list);
    }

    @Test
    void aKeyReadsNoCollectionItsAccountMayNotRead() {
        String key = key(createKey(GREEN_MEMBER, "pfsense"));
        http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + key).then().statusCode(404);
        http().get("ndn/x-camiso/feeds/no-such-collection/ip?key=" + key).then().statusCode(404);
        http().get("no-such-root/x-camiso/feeds/ferm-amber/ip?key=" + key).then().statusCode(404);
    }

    @Test
    void aKeyWorksNowhereButOnFeeds() {
        String member = key(createKey(AMBER_MEMBER, "unbound"));
        String adminKey = key(createKey("admin", "admin-device"));
        String supervisorKey = key(createKey("supervisor", "supervisor-device"));
        for (String k : List.of(member, adminKey)) {
            for (String path : List.of("taxii2/", "ndn/", "ndn/collections/", "ndn/collections/ferm-amber/",
                    "ndn/collections/ferm-amber/objects/", "ndn/collections/ferm-amber/manifest/")) {
                http().accept(TAXII).get(path + "?key=" + k).then().statusCode(403);
                http().accept(TAXII).header("Authorization", "Bearer " + k).get(path).then().statusCode(403);
            }
            http().accept(TAXII).contentType(TAXII).body("{\"objects\":[]}")
                    .post("ndn/collections/ferm-amber/objects/?key=" + k).then().statusCode(403);
            // no token for a key (401 or 403: the token endpoint wants the account's password)
            http().post("x-camiso/token/?key=" + k).then().statusCode(org.hamcrest.Matchers.oneOf(401, 403));
        }
        http().get("x-camiso/admin/accounts/?key=" + adminKey).then().statusCode(403);
        http().contentType("application/json").body("{}")
                .post("x-camiso/admin/accounts/admin/feed-keys/?key=" + adminKey).then().statusCode(403);
        http().header("Authorization", "Bearer " + adminKey).get("x-camiso/admin/feed-keys/").then().statusCode(403);
        http().get("x-camiso/audit/?key=" + supervisorKey).then().statusCode(403);
        // an admin's key still reads feeds
        http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + adminKey).then().statusCode(200);
    }

    @Test
    void aRevokedKeyIs401WithTheChallengeAtOnce() {
        Map<String, Object> created = createKey(AMBER_MEMBER, "to-revoke");
        String key = key(created);
        http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + key).then().statusCode(200);
        admin().delete("x-camiso/admin/feed-keys/" + created.get("id") + "/").then().statusCode(204);
        http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + key).then().statusCode(401)
                .header("WWW-Authenticate", equalTo(AuthFilter.CHALLENGE));
        // on a public collection too: a wrong key is not read as "no credentials"
        http().get("ndn/x-camiso/feeds/ndn-clear/domain?key=" + key).then().statusCode(401);
        admin().delete("x-camiso/admin/feed-keys/" + created.get("id") + "/").then().statusCode(404);
        http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=cfk_" + "A".repeat(43)).then().statusCode(401);
    }

    @Test
    void aKeyAndOtherCredentialsTogetherAreRefused() {
        String key = key(createKey(AMBER_MEMBER, "both"));
        sample.as(AMBER_MEMBER)
                .get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + key).then().statusCode(401);
        http().get("ndn/x-camiso/feeds/ferm-amber/ip?key=" + key + "&key=" + key).then().statusCode(401);
    }

    @Test
    void aKeyEndsWithAPasswordChangeOrTheAccount() {
        admin().contentType("application/json")
                .body("{\"password\":\"key-probe-password-1\",\"organisation\":\"maasvlakte-stuwadoors\",\"roles\":[]}")
                .put("x-camiso/admin/accounts/key-probe/").then().statusCode(201);
        String key = key(createKey("key-probe", "probe"));
        http().get("ndn/x-camiso/feeds/ndn-clear/domain?key=" + key).then().statusCode(200);
        admin().contentType("application/json").body("{\"password\":\"key-probe-password-2\"}")
                .put("x-camiso/admin/accounts/key-probe/").then().statusCode(200);
        http().get("ndn/x-camiso/feeds/ndn-clear/domain?key=" + key).then().statusCode(401);

        String second = key(createKey("key-probe", "probe-2"));
        http().get("ndn/x-camiso/feeds/ndn-clear/domain?key=" + second).then().statusCode(200);
        admin().delete("x-camiso/admin/accounts/key-probe/").then().statusCode(204);
        http().get("ndn/x-camiso/feeds/ndn-clear/domain?key=" + second).then().statusCode(401);
        admin().post("x-camiso/admin/accounts/key-probe/feed-keys/").then().statusCode(404);
    }
}
