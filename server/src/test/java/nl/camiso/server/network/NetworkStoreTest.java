package nl.camiso.server.network;

import nl.camiso.server.storage.HibernateAccountTables;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.stix.marking.Tlp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network tables on a real H2 database (own networks also on PostgreSQL): seeding once,
 * changes, the version counter, refresh.
 */
class NetworkStoreTest {

    static final String NDN_RED = "9693ebaf-7c27-49b1-bc78-61ba4b898934";

    @TempDir
    Path dir;
    Database db;
    NetworkStore store;
    CamisoConfig config;

    @BeforeEach
    void open() {
        config = ConfigLoader.loadDefault();
        db = Database.open(DatabaseSettings.h2(dir.resolve("data")), HibernateAccountTables.ENTITY_CLASSES);
        new AccountStore(db.accountTables()).seed(config);
        store = new NetworkStore(db.networkTables(), config);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void seedingGivesTheConfiguredNetworkOnceAndNeverUndoesChanges() {
        store.seed(config);
        NetworkSnapshot seeded = store.load();
        NetworkSnapshot expected = NetworkSnapshot.fromConfig(config);
        assertEquals(expected.organisations(), seeded.organisations());
        assertEquals(expected.initiatives().keySet(), seeded.initiatives().keySet());
        expected.initiatives().forEach((name, i) -> assertEquals(i.members(), seeded.initiatives().get(name).members(), name));
        assertEquals(Set.of("ncsc-analyst", "aivd-analyst", "mivd-analyst"), seeded.redAccounts(NDN_RED));
        assertTrue(seeded.version() > 0);

        assertTrue(store.removeMember("ferm", "koelhuis-botlek"));
        assertTrue(store.removeRedAccount(NDN_RED, "mivd-analyst"));
        long v = store.version();
        store.seed(config);
        assertEquals(v, store.version(), "nothing new to seed");
        assertFalse(store.load().initiatives().get("ferm").members().containsKey("koelhuis-botlek"));
        assertFalse(store.load().redAccounts(NDN_RED).contains("mivd-analyst"));
    }

    @Test
    void everyChangeMovesTheVersionAndALiveNetworkPicksItUp() {
        store.seed(config);
        Network live = Network.live(store, Duration.ZERO);
        long v = live.current().version();
        // another process (a second store on the same database) changes the network
        new NetworkStore(db.networkTables(), config).putMember("ddca", "twente-sensor", Tlp.AMBER);
        NetworkSnapshot now = live.current();
        assertTrue(now.version() > v);
        assertEquals(Tlp.AMBER, now.initiatives().get("ddca").members().get("twente-sensor"));

        Network slow = Network.live(store, Duration.ofHours(1));
        store.removeMember("ddca", "twente-sensor");
        assertTrue(slow.current().initiatives().get("ddca").members().containsKey("twente-sensor"), "not re-read yet");
        assertFalse(slow.refresh().initiatives().get("ddca").members().containsKey("twente-sensor"));
    }

    @Test
    void refusals() {
        store.seed(config);
        assertThrows(NetworkException.class, () -> store.deleteOrganisation("ferm"));      // runs an initiative
        assertThrows(NetworkException.class, () -> store.deleteOrganisation("amstel-dc")); // has an account
        assertThrows(NetworkException.class, () -> store.deleteInitiative("ddca"));         // owns collections
        assertThrows(NetworkException.class, () -> store.putMember("ddca", "nobody", Tlp.GREEN));
        assertThrows(NetworkException.class, () -> store.putMember("ddca", "ncsc", Tlp.RED));
        assertThrows(NetworkException.class, () -> store.addRedAccount("deeadbed-fb79-43d2-8a28-43cf9e91a347", "ncsc-analyst"));
        assertThrows(NetworkException.class, () -> store.addRedAccount(NDN_RED, "nobody"));
        assertThrows(NetworkException.class, () -> store.putOrganisation(
                new Organisation("x y", "t", OrganisationConfig.Role.MEMBER, null)));

        assertTrue(store.putOrganisation(new Organisation("newco", "NewCo", OrganisationConfig.Role.MEMBER, null)));
        assertTrue(store.putInitiative("club", "Club", "newco", Map.of("ncsc", Tlp.GREEN)));
        assertFalse(store.putInitiative("club", "Club 2", "newco", null));
        assertEquals(Map.of("ncsc", Tlp.GREEN), store.load().initiatives().get("club").members());
        assertTrue(store.deleteInitiative("club"));
        assertTrue(store.deleteOrganisation("newco"));
        assertFalse(store.deleteOrganisation("newco"));
        // a deleted account loses its RED access for good
        new AccountStore(db.accountTables()).delete("aivd-analyst");
        assertFalse(store.load().redAccounts(NDN_RED).contains("aivd-analyst"));
        assertEquals(List.of(), List.copyOf(store.load().redAccounts("no-such-collection")));
    }

    @Test
    void anOrganisationsOwnNetworksAreSeededOnceKeptInOneSpellingAndGoWithIt() {
        ownNetworks(db);
    }

    @Test
    void anOrganisationsOwnNetworksOnPostgres() {
        try (nl.camiso.server.testing.FreshPostgresDatabase pg = nl.camiso.server.testing.FreshPostgresDatabase.create("camiso_own_");
             Database onPg = Database.open(new DatabaseSettings(pg.url(), pg.user(), ""), HibernateAccountTables.ENTITY_CLASSES)) {
            new AccountStore(onPg.accountTables()).seed(config);
            ownNetworks(onPg);
        }
    }

    private void ownNetworks(Database on) {
        NetworkStore s = new NetworkStore(on.networkTables(), config);
        s.seed(config);
        // the sample's server.feeds.organisation_allow_lists
        assertEquals(List.of("192.0.2.200/29", "koelhuis-botlek.example"), s.load().ownEntries("koelhuis-botlek"));
        assertEquals(NetworkSnapshot.fromConfig(config).ownEntries(), s.load().ownEntries());

        long v = s.version();
        assertEquals(Map.entry("198.51.100.0/28", true), s.addOwnEntry("koelhuis-botlek", "198.51.100.7/28"));
        assertEquals(Map.entry("198.51.100.0/28", false), s.addOwnEntry("koelhuis-botlek", "198.51.100.0/28"));
        assertEquals(Map.entry("2001:db8::1", true), s.addOwnEntry("koelhuis-botlek", "2001:DB8:0:0::1"));
        assertEquals(Map.entry("mail.koelhuis-botlek.example", true), s.addOwnEntry("koelhuis-botlek", "Mail.Koelhuis-Botlek.example"));
        assertTrue(s.version() > v, "a change moves the version, so every server re-reads");
        assertTrue(s.load().ownEntries("koelhuis-botlek").containsAll(
                List.of("198.51.100.0/28", "2001:db8::1", "mail.koelhuis-botlek.example")));

        // removed entries stay removed when the configuration is seeded again
        assertTrue(s.removeOwnEntry("koelhuis-botlek", "192.0.2.200/29"));
        assertFalse(s.removeOwnEntry("koelhuis-botlek", "192.0.2.200/29"));
        s.seed(config);
        assertFalse(s.load().ownEntries("koelhuis-botlek").contains("192.0.2.200/29"));

        for (String bad : List.of("", "300.1.2.3", "10.0.0.0/99", "-x.example", "a b", "192.0.2.1/24/8")) {
            NetworkException e = assertThrows(NetworkException.class, () -> s.addOwnEntry("koelhuis-botlek", bad), bad);
            assertEquals(NetworkException.Kind.INVALID, e.kind(), bad);
        }
        assertEquals(NetworkException.Kind.NOT_FOUND,
                assertThrows(NetworkException.class, () -> s.addOwnEntry("nobody", "example.com")).kind());

        // an organisation's entries go with it
        assertTrue(s.putOrganisation(new Organisation("shortlived", "Short", OrganisationConfig.Role.MEMBER, null)));
        s.addOwnEntry("shortlived", "shortlived.example");
        assertTrue(s.deleteOrganisation("shortlived"));
        assertTrue(s.putOrganisation(new Organisation("shortlived", "Short", OrganisationConfig.Role.MEMBER, null)));
        assertEquals(List.of(), s.load().ownEntries("shortlived"));
    }
}
