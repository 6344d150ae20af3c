package nl.camiso.server.cli;

import nl.camiso.server.storage.HibernateAccountTables;
import nl.camiso.server.audit.AuditEntry;
import nl.camiso.server.audit.AuditResource;
import nl.camiso.server.audit.DbAuditLog;
import nl.camiso.server.setup.Logging;
import nl.camiso.server.setup.Settings;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.JdbcAuditTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code camiso audit verify|list}: the hash-chained audit log, in the same database {@code serve} uses. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail: verify the hash chain, list entries.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListCmd.class})
final class AuditCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static <T> T withLog(StoreOptions store, Function<DbAuditLog, T> work) {
        Logging.install();
        Settings settings = Settings.resolve(store.toServerOptions());
        try (Database db = Database.open(settings.database(), HibernateAccountTables.ENTITY_CLASSES)) {
            return work.apply(new DbAuditLog(new JdbcAuditTrail(db)));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the whole chain; exit 0 when intact, 1 at the first altered, removed or reordered entry.")
    static final class Verify implements Callable<Integer> {
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            DbAuditLog.Verification v = withLog(store, DbAuditLog::verify);
            if (v.ok()) {
                System.out.println("audit chain intact: " + v.entries() + " entries, head hash " + v.headHash());
                return 0;
            }
            System.out.println("audit chain BROKEN at entry " + v.firstBadSeq() + ": " + v.reason());
            System.out.println(v.entries() + " entries before it are intact (hash of the last good one: "
                    + v.headHash() + ")");
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print entries, oldest first, one a line.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Option(names = "--from", paramLabel = "TIME", description = "RFC 3339, inclusive") String from;
        @Option(names = "--to", paramLabel = "TIME", description = "RFC 3339, exclusive") String to;
        @Option(names = "--organisation", paramLabel = "ORG") String organisation;
        @Option(names = "--action", paramLabel = "ACTION", description = "e.g. write, delete, login-failed, access-denied")
        String action;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000") int limit;

        @Override
        public Integer call() {
            try {
                micros(from);
                micros(to);
            } catch (java.time.format.DateTimeParseException e) {
                System.err.println("camiso: --from and --to take RFC 3339 timestamps, e.g. 2024-06-01T00:00:00Z");
                return 2;
            }
            withLog(store, log -> {
                long after = 0;
                int left = limit;
                while (left > 0) {
                    DbAuditLog.Page page = log.find(new DbAuditLog.Query(after, micros(from), micros(to),
                            organisation, action, Math.min(left, 500)));
                    for (AuditEntry e : page.entries()) {
                        System.out.println(line(e));
                        after = e.seq();
                    }
                    left -= page.entries().size();
                    if (!page.more()) {
                        break;
                    }
                }
                return null;
            });
            return 0;
        }

        private static Long micros(String time) {
            return time == null ? null
                    : DbAuditLog.micros(OffsetDateTime.parse(time).toInstant());
        }
    }

    static String line(AuditEntry e) {
        return e.seq() + "\t" + AuditResource.timestamp(e.atMicros()) + "\t" + e.action() + "\t" + e.outcome()
                + "\tactor=" + e.actor() + (e.organisation() == null ? "" : "@" + e.organisation())
                + (e.remoteAddress() == null ? "" : "\tfrom=" + e.remoteAddress())
                + (e.apiRoot() == null ? "" : "\troot=" + e.apiRoot())
                + (e.collection() == null ? "" : "\tcollection=" + e.collection())
                + (e.objectIds().isEmpty() ? "" : "\tobjects=" + e.objectIds().size())
                + (e.detail() == null ? "" : "\t" + e.detail().replaceAll("\\s", " "));
    }
}
