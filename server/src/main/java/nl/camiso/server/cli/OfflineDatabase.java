package nl.camiso.server.cli;

import nl.camiso.server.setup.StartupException;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.DbAuditLog;
import nl.camiso.server.network.NetworkStore;
import nl.camiso.server.setup.Logging;
import nl.camiso.server.setup.Settings;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.HibernateAccountTables;
import nl.camiso.server.storage.JdbcAuditTrail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Function;

/**
 * The database a command works on while the server is stopped (or on PostgreSQL, beside it),
 * opened the way every such command needs it: the configuration's network is seeded first, as
 * {@code serve} does, so that an account's organisation is checked against the same network the
 * admin API checks it against, even before the first start.
 */
record OfflineDatabase(Settings settings, Database database, AccountStore accounts, NetworkStore network) {

    /** Opens the database of the options, runs {@code work} on it, closes it. */
    static <T> T with(StoreOptions options, Function<OfflineDatabase, T> work) {
        Settings settings = settings(options);
        try (Database db = Database.open(settings.database(), HibernateAccountTables.ENTITY_CLASSES)) {
            NetworkStore network = new NetworkStore(db.networkTables(), settings.config());
            network.seed(settings.config());
            return work.apply(new OfflineDatabase(settings, db, new AccountStore(db.accountTables()), network));
        }
    }

    /** The audit trail's actor of a change made here: the operating-system user who ran the command. */
    static String operator() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /**
     * The detail the admin API records for the request that makes the same change, so that a change
     * reads the same in the audit trail whichever way it was made.
     */
    static String adminRequest(String method, String path, int status) {
        return method + " /x-camiso/admin/" + path + "/ -> " + status;
    }

    /**
     * Writes one {@code admin-change} entry for a change this command made, as the admin API does
     * for its changes. {@code command} (e.g. "org add") goes in as the origin; {@code detail} must
     * never hold a secret.
     */
    void audited(String command, String detail) {
        new DbAuditLog(new JdbcAuditTrail(database)).record(AuditEvent.builder(AuditEvent.ADMIN_CHANGE)
                .actor(operator(), null).remoteAddress("local: camiso " + command).detail(detail).build());
    }

    /** The settings of the options, with logging set up and the data directory created. */
    static Settings settings(StoreOptions options) {
        Logging.install();
        Settings settings = Settings.resolve(options.toServerOptions());
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new StartupException("cannot create the data directory " + settings.dataDir(), e);
        }
        return settings;
    }
}
