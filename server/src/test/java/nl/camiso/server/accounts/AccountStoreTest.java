package nl.camiso.server.accounts;

import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.network.Organisation;
import nl.camiso.server.storage.HibernateAccountTables;
import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfigLoader;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounts in a real H2 database. */
class AccountStoreTest {

    @TempDir
    Path dir;
    Database db;
    AccountStore store;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseSettings.h2(dir), HibernateAccountTables.ENTITY_CLASSES);
        store = new AccountStore(db.accountTables());
        // an account may only belong to an organisation of the network
        db.networkTables().inTransaction(rows -> {
            rows.insertOrganisation(new Organisation("ndn", "Nationaal Detectie Netwerk", OrganisationConfig.Role.HUB, null));
            return null;
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anAccountOfAnUnknownOrganisationOrWithABadNameIsRefusedAndNothingIsStored() {
        AccountException e = assertThrows(AccountException.class, () -> store.create("eve", "eve-password", "nope", Set.of()));
        assertEquals("no organisation 'nope'", e.getMessage());
        assertThrows(AccountException.class, () -> store.create("e ve", "eve-password", null, Set.of()));
        assertTrue(store.find("eve").isEmpty());
        store.create("eve", "eve-password", null, Set.of());
        assertThrows(AccountException.class, () -> store.update("eve",
                new AccountStore.Update("a-new-password", true, "nope", Set.of(Role.ADMIN))));
        assertTrue(store.find("eve").orElseThrow().roles().isEmpty(), "a refused update changes nothing");
    }

    @Test
    void createFindAndPasswordIsOnlyAHash() {
        store.create("bob", "bob-password", "ndn", Set.of(Role.SUPERVISOR));
        Account bob = store.find("bob").orElseThrow();
        assertTrue(bob.passwordHash().startsWith("pbkdf2-sha256$"));
        assertTrue(PasswordHasher.verify("bob-password", bob.passwordHash()));
        assertEquals(Set.of(Role.SUPERVISOR), bob.roles());
        assertEquals("ndn", bob.organisation());
        assertThrows(AccountException.class, () -> store.create("bob", "other-password", null, Set.of()));
        assertThrows(AccountException.class, () -> store.create("shorty", "short", null, Set.of()));
    }

    /**
     * Lookups are reused for {@link AccountStore#CACHE_NANOS}: a change through the same store is
     * seen at once, one made by another process (here another store on the same database) within
     * that time.
     */
    @Test
    void changesAreSeenAtOnceHereAndWithinASecondFromElsewhere() throws Exception {
        store.create("bob", null, null, Set.of());
        store.grant("bob", "ndn", "*", true, false);
        assertEquals(1, store.find("bob").orElseThrow().grants().size());
        assertTrue(store.revoke("bob", "ndn", "*", true, false));
        assertEquals(List.of(), store.find("bob").orElseThrow().grants(), "revoked here: seen at once");

        AccountStore elsewhere = new AccountStore(db.accountTables());
        elsewhere.grant("bob", "ndn", "*", true, false);
        long deadline = System.nanoTime() + AccountStore.CACHE_NANOS + 500_000_000L;
        while (store.find("bob").orElseThrow().grants().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "a grant made elsewhere must show within the cache time");
            Thread.sleep(50);
        }
        assertTrue(elsewhere.delete("bob"));
        deadline = System.nanoTime() + AccountStore.CACHE_NANOS + 500_000_000L;
        while (store.find("bob").isPresent()) {
            assertTrue(System.nanoTime() < deadline, "a deletion made elsewhere must show within the cache time");
            Thread.sleep(50);
        }
    }

    @Test
    void grantsMergeAndRevokePartially() {
        store.create("bob", null, null, Set.of());
        store.grant("bob", "ndn", "*", true, false);
        store.grant("bob", "ndn", "*", false, true);
        assertEquals(List.of(new Grant("ndn", "*", true, true)), store.find("bob").orElseThrow().grants());
        assertTrue(store.revoke("bob", "ndn", "*", false, true));
        assertEquals(List.of(new Grant("ndn", "*", true, false)), store.find("bob").orElseThrow().grants());
        assertTrue(store.revoke("bob", "ndn", "*", true, true));
        assertTrue(store.find("bob").orElseThrow().grants().isEmpty());
        assertFalse(store.revoke("bob", "ndn", "*", true, true));
    }

    @Test
    void deleteRemovesAccountAndGrants() {
        store.create("bob", "bob-password", null, Set.of());
        store.grant("bob", "ndn", "*", true, true);
        assertTrue(store.delete("bob"));
        assertTrue(store.find("bob").isEmpty());
        assertFalse(store.delete("bob"));
    }

    @Test
    void demoPasswordsAreFlagged() {
        store.create("demo", "camiso-demo", null, Set.of());
        store.create("real", "a-real-password", null, Set.of());
        assertEquals(List.of("demo"), store.accountsWithDemoPassword());
        store.setPassword("demo", "no-longer-demo");
        assertTrue(store.accountsWithDemoPassword().isEmpty());
    }

    @Test
    void seedingHappensOnceAndNeverUndoesChanges() {
        CamisoConfig config = ConfigLoader.loadDefault();
        store.seed(config);
        Account admin = store.find("admin").orElseThrow();
        assertTrue(admin.hasRole(Role.ADMIN));
        assertTrue(PasswordHasher.verify("camiso-demo", admin.passwordHash()));
        assertEquals(List.of(new Grant("ndn", "*", true, true)), admin.grants());

        store.setPassword("admin", "changed-password");
        store.seed(config);
        assertTrue(PasswordHasher.verify("changed-password", store.find("admin").orElseThrow().passwordHash()));

        store.delete("admin");
        store.seed(config);
        assertTrue(store.find("admin").isEmpty(), "a deleted seeded account stays deleted");
    }
}
