package nl.camiso.server.admin;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.camiso.server.testing.SampleServer;
import nl.camiso.server.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API on the real server (sample network, H2): admin only, CRUD of organisations,
 * initiatives, members, accounts, RED lists and organisations' own networks and domains (seen by
 * the feeds), every change audited and visible to the next request without a restart, also when
 * made by the CLI (another process on the same database).
 */
class AdminApiTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String ISAC_AMBER = "d892b67c-edf4-4da3-9be6-e423d2e85012";
    static final String NDN_RED = "9693ebaf-7c27-49b1-bc78-61ba4b898934";

    @RegisterExtension
    static final SampleServer sample = SampleServer.perClass("camiso-admin-test");

    static RequestSpecification as(String user) {
        return sample.as(user);
    }

    static RequestSpecification admin() {
        return sample.admin();
    }

    static int collectionStatus(String user, String collection) {
        return as(user).accept(TAXII).get("ndn/collections/" + collection + "/objects/").statusCode();
    }

    @Test
    void onlyAdminsGetIn() {
        sample.anonymous().get("x-camiso/admin/organisations/")
                .then().statusCode(401).header("WWW-Authenticate", not(equalTo(null)));
        as("ncsc-analyst").get("x-camiso/admin/organisations/").then().statusCode(403);
        as("supervisor").get("x-camiso/admin/accounts/").then().statusCode(403);
        as("admin").accept(ContentType.JSON).get("x-camiso/admin/organisations/").then().statusCode(200)
                .contentType(ContentType.JSON).body("organisations.name", hasItem("ncsc"));
        as("admin").accept("text/html").get("x-camiso/admin/organisations/").then().statusCode(406);
    }

    @Test
    void membershipChangeTakesEffectOnTheNextRequest() {
        // Brainport's company may not read ISAC Energie's AMBER collection ...
        assertEquals(404, collectionStatus("kempen-precisie-analyst", ISAC_AMBER));
        // ... until it becomes a member with AMBER clearance
        admin().body("{\"clearance\":\"AMBER\"}")
                .put("x-camiso/admin/initiatives/isac-energie/members/kempen-precisie/")
                .then().statusCode(201).body("members.organisation", hasItem("kempen-precisie"));
        assertEquals(200, collectionStatus("kempen-precisie-analyst", ISAC_AMBER));
        // GREEN is not enough for AMBER
        admin().body("{\"clearance\":\"GREEN\"}")
                .put("x-camiso/admin/initiatives/isac-energie/members/kempen-precisie/").then().statusCode(200);
        assertEquals(404, collectionStatus("kempen-precisie-analyst", ISAC_AMBER));
        admin().delete("x-camiso/admin/initiatives/isac-energie/members/kempen-precisie/").then().statusCode(204);
        admin().delete("x-camiso/admin/initiatives/isac-energie/members/kempen-precisie/").then().statusCode(404);
        assertEquals(404, collectionStatus("kempen-precisie-analyst", ISAC_AMBER));
    }

    @Test
    void organisationsInitiativesAndAccountsLifeCycle() {
        admin().body("{\"title\":\"Zeeuwse Havens\",\"role\":\"initiative\"}")
                .put("x-camiso/admin/organisations/zeeland-havens/").then().statusCode(201).body("role", equalTo("initiative"));
        admin().body("{\"title\":\"Zeeuwse Havens B.V.\",\"role\":\"initiative\"}")
                .put("x-camiso/admin/organisations/zeeland-havens/").then().statusCode(200).body("title", equalTo("Zeeuwse Havens B.V."));
        admin().body("{\"title\":\"x\",\"role\":\"pirate\"}").put("x-camiso/admin/organisations/bad/").then().statusCode(400);
        admin().body("{\"title\":\"x\",\"role\":\"member\",\"identity\":\"identity--nope\"}")
                .put("x-camiso/admin/organisations/bad/").then().statusCode(400);
        admin().body("not json").put("x-camiso/admin/organisations/bad/").then().statusCode(400);

        admin().body("{\"title\":\"Zeeland\",\"organisation\":\"zeeland-havens\",\"members\":[{\"organisation\":\"zeeland-havens\",\"clearance\":\"AMBER\"}]}")
                .put("x-camiso/admin/initiatives/zeeland/").then().statusCode(201)
                .body("members[0].clearance", equalTo("AMBER"));
        admin().body("{\"clearance\":\"RED\"}").put("x-camiso/admin/initiatives/zeeland/members/ncsc/").then().statusCode(400);

        // an account of the new organisation: reads CLEAR, and the hub's GREEN once it participates
        admin().body("{\"password\":\"zeeland-password\",\"organisation\":\"zeeland-havens\"}")
                .put("x-camiso/admin/accounts/zeeland-analyst/").then().statusCode(201)
                .body("organisation", equalTo("zeeland-havens")).body("password", equalTo(true));
        RequestSpecification z = sample.anonymous().auth().preemptive()
                .basic("zeeland-analyst", "zeeland-password").accept(TAXII);
        z.get("ndn/collections/ndn-clear/objects/").then().statusCode(200);
        sample.anonymous().auth().preemptive().basic("zeeland-analyst", "zeeland-password")
                .accept(TAXII).get("ndn/collections/ndn-green/objects/").then().statusCode(200); // participant of the network

        // in use: cannot be deleted
        admin().delete("x-camiso/admin/organisations/zeeland-havens/").then().statusCode(409);
        admin().delete("x-camiso/admin/initiatives/ferm/").then().statusCode(409); // owns collections
        admin().delete("x-camiso/admin/organisations/ferm/").then().statusCode(409);

        // refused as the CLI refuses it, and nothing of a refused update is kept (the password neither)
        admin().body("{\"organisation\":\"nope\",\"password\":\"another-password\"}")
                .put("x-camiso/admin/accounts/zeeland-analyst/").then().statusCode(400)
                .body("description", containsString("no organisation 'nope'"));
        z.get("ndn/collections/ndn-clear/objects/").then().statusCode(200);
        admin().body("{\"password\":\"zeeland-password\"}").put("x-camiso/admin/accounts/soc%20bot/").then()
                .statusCode(400).body("description", containsString("not a valid account name"));

        // move the account; then delete everything
        admin().body("{\"organisation\":\"ferm\"}").put("x-camiso/admin/accounts/zeeland-analyst/").then().statusCode(200)
                .body("organisation", equalTo("ferm"));
        sample.anonymous().auth().preemptive().basic("zeeland-analyst", "zeeland-password")
                .accept(TAXII).get("ndn/collections/ferm-amber/objects/").then().statusCode(200);
        admin().delete("x-camiso/admin/accounts/zeeland-analyst/").then().statusCode(204);
        admin().delete("x-camiso/admin/initiatives/zeeland/").then().statusCode(204);
        admin().delete("x-camiso/admin/organisations/zeeland-havens/").then().statusCode(204);
        admin().delete("x-camiso/admin/organisations/zeeland-havens/").then().statusCode(404);
        admin().get("x-camiso/admin/accounts/").then().statusCode(200)
                .body("accounts.name", not(hasItem("zeeland-analyst"))).body("accounts[0]", not(hasItem("password_hash")));
    }

    @Test
    void redListsNameAccounts() {
        assertEquals(404, collectionStatus("dtc-analyst", NDN_RED));
        admin().get("x-camiso/admin/collections/ndn-red/red-accounts/").then().statusCode(200)
                .body("accounts", hasItem("aivd-analyst"));
        admin().put("x-camiso/admin/collections/ndn-red/red-accounts/dtc-analyst/").then().statusCode(201);
        assertEquals(200, collectionStatus("dtc-analyst", NDN_RED));
        admin().delete("x-camiso/admin/collections/ndn-red/red-accounts/dtc-analyst/").then().statusCode(204);
        assertEquals(404, collectionStatus("dtc-analyst", NDN_RED));
        admin().put("x-camiso/admin/collections/ndn-green/red-accounts/dtc-analyst/").then().statusCode(400);
        admin().put("x-camiso/admin/collections/ndn-red/red-accounts/nobody/").then().statusCode(400);
        admin().get("x-camiso/admin/collections/").then().statusCode(200)
                .body("collections.find { it.alias == 'ndn-red' }.red_accounts", hasItem("mivd-analyst"));
    }

    @Test
    void aChangeByTheCliIsSeenByTheRunningServerWithinSeconds() throws InterruptedException {
        String data = sample.dataDir().toString();
        assertEquals(404, collectionStatus("cargo-oost-analyst", "ferm-green"));
        assertEquals(0, Main.run("initiative", "member", "add", "ferm", "cargo-oost", "--clearance", "GREEN", "--data-dir", data));
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = collectionStatus("cargo-oost-analyst", "ferm-green");
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "the server did not notice the CLI's change");
        assertEquals(0, Main.run("initiative", "member", "remove", "ferm", "cargo-oost", "--data-dir", data));
    }

    // --- an organisation's own networks and domains --------------------------------------------------

    static final String OWN = "x-camiso/admin/organisations/koelhuis-botlek/allow-list/";
    /** An account of koelhuis-botlek, and one of another FERM member. */
    static final String KOELHUIS = "koelhuis-botlek-analyst";
    static final String MAASVLAKTE = "maasvlakte-stuwadoors-analyst";

    static String feed(String user, String path) {
        return as(user).get("ndn/x-camiso/feeds/" + path).then().statusCode(200).extract().asString();
    }

    @Test
    void anOrganisationsOwnNetworksComeAndGoThroughTheAdminApiAndTheFeedsFollowAtOnce() {
        // seeded from server.feeds.organisation_allow_lists
        admin().get(OWN).then().statusCode(200).body("organisation", equalTo("koelhuis-botlek"))
                .body("entries", hasItems("192.0.2.200/29", "koelhuis-botlek.example"));
        assertTrue(feed(KOELHUIS, "ferm-green/domain").contains("havenmelding-portaal.test\n"));

        String etag = as(KOELHUIS).get("ndn/x-camiso/feeds/ferm-green/domain").then().statusCode(200).extract().header("ETag");
        as(KOELHUIS).header("If-None-Match", etag).get("ndn/x-camiso/feeds/ferm-green/domain").then().statusCode(304);

        // a domain, in any case: stored lowercase, once; gone from its own accounts' feeds only, at the next poll
        admin().put(OWN + "Havenmelding-Portaal.test/").then().statusCode(201)
                .body("entries", hasItem("havenmelding-portaal.test"));
        admin().put(OWN + "havenmelding-portaal.test/").then().statusCode(200);
        io.restassured.response.Response changed = as(KOELHUIS).header("If-None-Match", etag).get("ndn/x-camiso/feeds/ferm-green/domain");
        assertEquals(200, changed.statusCode(), "a poll with the old ETag must see the new allow-list");
        assertFalse(changed.asString().contains("havenmelding-portaal.test"), changed.asString());
        assertFalse(feed(KOELHUIS, "ferm-green/domain").contains("havenmelding-portaal.test"));
        assertTrue(feed(KOELHUIS, "ferm-green/domain?explain=true").contains(
                "# left out: havenmelding-portaal.test (" ));
        assertTrue(feed(KOELHUIS, "ferm-green/domain?explain=true").contains(
                "(own network or domain of koelhuis-botlek)"));
        assertTrue(feed(MAASVLAKTE, "ferm-green/domain").contains("havenmelding-portaal.test\n"));

        // a CIDR in the path as it is written, stored as its block; a feed's address inside it is left out
        assertTrue(feed(KOELHUIS, "ndn-green/ip").contains("198.51.100.77\n"));
        admin().put(OWN + "198.51.100.77/30/").then().statusCode(201).body("entries", hasItem("198.51.100.76/30"));
        assertFalse(feed(KOELHUIS, "ndn-green/ip").contains("198.51.100.77"));
        admin().delete(OWN + "198.51.100.76/30/").then().statusCode(204);
        admin().delete(OWN + "198.51.100.76/30/").then().statusCode(404);
        assertTrue(feed(KOELHUIS, "ndn-green/ip").contains("198.51.100.77\n"));

        // clean 400s and 404s; admins only
        for (String bad : java.util.List.of("300.1.2.3/", "-bad-.example/", "10.0.0.0/99/", "a..b/")) {
            io.restassured.response.Response r = admin().put(OWN + bad);
            assertEquals(400, r.statusCode(), bad + ": " + r.asString());
            assertTrue(r.contentType().startsWith("application/"), r.contentType());
            assertFalse(r.asString().contains("Exception"), r.asString());
        }
        admin().put("x-camiso/admin/organisations/nobody/allow-list/example.com/").then().statusCode(404);
        admin().get("x-camiso/admin/organisations/nobody/allow-list/").then().statusCode(404);
        as(KOELHUIS).put(OWN + "example.com/").then().statusCode(403);
        as(KOELHUIS).get(OWN).then().statusCode(403);

        // every change is in the audit trail
        String trail = as("supervisor").accept(ContentType.JSON).get("x-camiso/audit/?action=admin-change&limit=1000")
                .then().statusCode(200).extract().asString();
        assertTrue(trail.contains("PUT /x-camiso/admin/organisations/koelhuis-botlek/allow-list/Havenmelding-Portaal.test/ -> 201"), trail);
        assertTrue(trail.contains("DELETE /x-camiso/admin/organisations/koelhuis-botlek/allow-list/198.51.100.76/30/ -> 204"), trail);

        admin().delete(OWN + "havenmelding-portaal.test/").then().statusCode(204);
        assertTrue(feed(KOELHUIS, "ferm-green/domain").contains("havenmelding-portaal.test\n"));
    }

    @Test
    void theCliChangesTheSameAllowListWithTheSameChecks() throws InterruptedException {
        String data = sample.dataDir().toString();
        assertEquals(1, Main.run("org", "allow-list", "add", "koelhuis-botlek", "300.1.2.3", "--data-dir", data));
        assertEquals(1, Main.run("org", "allow-list", "add", "nobody", "example.com", "--data-dir", data));
        assertEquals(0, Main.run("org", "allow-list", "add", "koelhuis-botlek", "douane-aangifte-controle.EXAMPLE", "--data-dir", data));
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean gone;
        do {
            Thread.sleep(200);
            gone = !feed(KOELHUIS, "ferm-green/domain").contains("douane-aangifte-controle.example");
        } while (!gone && System.nanoTime() < deadline);
        assertTrue(gone, "the server did not notice the CLI's change");
        admin().get(OWN).then().body("entries", hasItem("douane-aangifte-controle.example"));
        assertEquals(0, Main.run("org", "allow-list", "remove", "koelhuis-botlek", "douane-aangifte-controle.example", "--data-dir", data));
        assertEquals(1, Main.run("org", "allow-list", "remove", "koelhuis-botlek", "douane-aangifte-controle.example", "--data-dir", data));
    }
}
