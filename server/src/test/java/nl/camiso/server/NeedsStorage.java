package nl.camiso.server;

import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * Tests that need the real {@link Database} (the storage helper's code) skip while it is the
 * stub that throws; after integration they run. Every such test class calls {@link #assume}.
 */
public final class NeedsStorage {

    private NeedsStorage() {
    }

    public static void assume(Path scratch) {
        try (Database db = Database.open(DatabaseSettings.h2(scratch.resolve("storage-probe")), AccountStore.ENTITY_CLASSES)) {
            db.inTransaction(s -> null);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("needs the storage implementation of Database (a stub in this branch)");
        }
    }
}
