package nl.camiso.server.network;

import nl.camiso.server.access.CollectionSettings;
import nl.camiso.server.access.ServerAuthorizer;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.access.AccessRules;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Role;
import nl.camiso.server.auth.AnonymousAccess;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The derived access rules and the anonymous paths over the sample network, without a database. */
class NetworkRulesTest {

    static final CamisoConfig CONFIG = ConfigLoader.loadDefault();
    static final ConfiguredCatalog CATALOG = new ConfiguredCatalog(CONFIG);
    static final NetworkSnapshot SAMPLE = NetworkSnapshot.fromConfig(CONFIG);

    static Requester account(String name, String organisation, Role... roles) {
        return Principal.of(new Account(name, organisation, Set.of(roles), List.of(), null));
    }

    static CollectionInfo col(String alias) {
        return CATALOG.collection("ndn", alias).orElseThrow();
    }

    final AccessRules rules = AccessRules.network(CATALOG, Network.fixed(SAMPLE));

    @Test
    void clearanceDecidesPerLevel() {
        Requester windkracht = account("w", "windkracht-zeeland"); // ISAC Energie AMBER
        assertTrue(rules.canRead(windkracht, col("isac-energie-amber")));
        assertFalse(rules.canRead(windkracht, col("isac-energie-amber-strict")));
        Requester polderstroom = account("p", "polderstroom"); // AMBER+STRICT
        assertTrue(rules.canRead(polderstroom, col("isac-energie-amber-strict")));
        Requester koelhuis = account("k", "koelhuis-botlek"); // FERM GREEN
        assertTrue(rules.canRead(koelhuis, col("ferm-green")));
        assertFalse(rules.canRead(koelhuis, col("ferm-amber")));
        assertFalse(rules.canWrite(koelhuis, col("ferm-green")));
        assertTrue(rules.canWrite(koelhuis, col("ferm-reports")));
    }

    @Test
    void redIsForNamedAccountsOnlyAndMembershipGivesNothing() {
        assertTrue(rules.canRead(account("aivd-analyst", "aivd"), col("ndn-red")));
        assertTrue(rules.canWrite(account("aivd-analyst", "aivd"), col("ndn-red")));
        assertFalse(rules.canRead(account("other-aivd-person", "aivd"), col("ndn-red")), "same organisation, not named");
        assertFalse(rules.canRead(account("dtc-analyst", "dtc"), col("ndn-red")));
    }

    @Test
    void clearIsForEveryAccountAndPublicAlsoForAnonymous() {
        Requester noOrganisation = account("service", null);
        assertTrue(rules.canRead(noOrganisation, col("ndn-clear")));
        assertFalse(rules.canWrite(noOrganisation, col("ndn-clear")));
        assertFalse(rules.canRead(noOrganisation, col("ndn-green")));
        assertTrue(rules.canRead(Principal.ANONYMOUS, col("ndn-clear")));
        assertFalse(rules.canWrite(Principal.ANONYMOUS, col("ndn-clear")));
        for (CollectionInfo c : CATALOG.collections("ndn")) {
            if (!c.alias().equals("ndn-clear")) {
                assertFalse(rules.canRead(Principal.ANONYMOUS, c), c.alias());
            }
        }
        assertTrue(rules.canSeeApiRoot(Principal.ANONYMOUS, CATALOG.apiRoot("ndn").orElseThrow()));
    }

    @Test
    void supervisorsAndTheirOrganisationSeeNoThreatDataAdminsEverything() {
        for (CollectionInfo c : CATALOG.collections("ndn")) {
            assertFalse(rules.canRead(account("supervisor", "toezicht", Role.SUPERVISOR), c), c.alias());
            assertFalse(rules.canRead(account("clerk", "toezicht"), c), c.alias());
            assertTrue(rules.canRead(account("admin", "ndn", Role.ADMIN), c), c.alias());
            assertTrue(rules.canWrite(account("admin", "ndn", Role.ADMIN), c), c.alias());
        }
    }

    @Test
    void theHubsCommunityIsEveryParticipantAndTheHubsReportsComeFromIntermediariesAndInitiatives() {
        // a new company that joined only FERM still reads the hub's GREEN collection
        Map<String, Initiative> inits = new LinkedHashMap<>(SAMPLE.initiatives());
        Initiative ferm = inits.get("ferm");
        Map<String, Tlp> members = new LinkedHashMap<>(ferm.members());
        members.put("newco", Tlp.GREEN);
        inits.put("ferm", new Initiative("ferm", ferm.title(), "ferm", members));
        Map<String, Organisation> orgs = new LinkedHashMap<>(SAMPLE.organisations());
        orgs.put("newco", new Organisation("newco", "NewCo", OrganisationConfig.Role.MEMBER, null));
        orgs.put("loner", new Organisation("loner", "Loner", OrganisationConfig.Role.MEMBER, null));
        AccessRules changed = AccessRules.network(CATALOG,
                Network.fixed(new NetworkSnapshot(1, orgs, inits, SAMPLE.redAccounts(), SAMPLE.accounts())));
        assertTrue(changed.canRead(account("n", "newco"), col("ndn-green")));
        assertTrue(changed.canRead(account("n", "newco"), col("ferm-green")));
        assertFalse(changed.canRead(account("l", "loner"), col("ndn-green")), "not a participant of any initiative");

        assertTrue(rules.canWrite(account("d", "dtc"), col("ndn-reports")));
        assertTrue(rules.canWrite(account("f", "ferm"), col("ndn-reports")));
        assertFalse(rules.canRead(account("f", "ferm"), col("ndn-reports")));
        assertFalse(rules.canWrite(account("a", "amstel-dc"), col("ndn-reports")));
        assertFalse(rules.canWrite(account("n", "ncsc"), col("ndn-reports")));
        // sources publish into the hub up to their clearance, not into an initiative's collections
        assertTrue(rules.canWrite(account("i", "isac-energie"), col("ndn-amber")));
        assertFalse(rules.canWrite(account("f", "ferm"), col("ndn-green")));
        assertFalse(rules.canWrite(account("n", "ncsc"), col("isac-energie-amber")));
    }

    @Test
    void anonymousRequestsOnlyReadPublicCollectionPaths() {
        AnonymousAccess anon = AnonymousAccess.of(CATALOG,
                new ServerAuthorizer(rules, CollectionSettings.from(CATALOG), () -> SAMPLE));
        String clear = col("ndn-clear").id();
        for (String path : List.of("ndn/", "/ndn", "ndn/collections/", "ndn/collections/ndn-clear/",
                "ndn/collections/" + clear + "/objects/", "ndn/collections/ndn-clear/manifest/",
                "ndn/collections/ndn-clear/objects/indicator--1/", "ndn/collections/ndn-clear/objects/indicator--1/versions/")) {
            assertTrue(anon.allows("GET", path), path);
        }
        for (String path : List.of("taxii2/", "ndn/status/x/", "ndn/collections/ndn-green/", "ndn/collections/nope/objects/",
                "ndn/collections/ndn-clear/objects/x/y/", "ndn//collections/", "x-camiso/admin/accounts/",
                "ndn/x-camiso/objects/indicator--1/actions/", "other/collections/")) {
            assertFalse(anon.allows("GET", path), path);
        }
        assertFalse(anon.allows("POST", "ndn/collections/ndn-clear/objects/"));
        assertFalse(anon.allows("DELETE", "ndn/collections/ndn-clear/objects/indicator--1/"));
    }

    @Test
    void clearanceOfTheRunnerAMemberAndAnOutsider() {
        assertEquals(0, SAMPLE.version());
        assertEquals(Tlp.AMBER_STRICT, SAMPLE.clearance("ferm", "ferm").orElseThrow(), "the runner holds every level");
        assertEquals(Tlp.GREEN, SAMPLE.clearance("dtc", "ferm").orElseThrow());
        assertTrue(SAMPLE.clearance("amstel-dc", "ferm").isEmpty());
    }
}
