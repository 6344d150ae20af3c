package nl.camiso.server.cli;

import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountException;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.auth.FeedKeys;
import nl.camiso.server.storage.JdbcFeedKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/** {@code camiso feed-key ...}: read-only keys for devices that fetch a feed URL, in the database {@code serve} uses. */
@Command(name = "feed-key", mixinStandardHelpOptions = true,
        description = "Read-only feed keys for devices that can only fetch a URL: create, list, revoke.",
        subcommands = {FeedKeyCommand.Create.class, FeedKeyCommand.ListCmd.class, FeedKeyCommand.Revoke.class})
final class FeedKeyCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static <T> T withKeys(StoreOptions store, BiFunction<AccountStore, FeedKeys.Store, T> work) {
        return OfflineDatabase.with(store, db -> work.apply(db.accounts(), new JdbcFeedKeyStore(db.database())));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key that reads the feeds the account may read, and nothing else."
                    + " The key is printed this once; only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ACCOUNT") String account;
        @Option(names = "--label", paramLabel = "TEXT", description = "What the key is for, e.g. the device") String label;

        @Override
        public Integer call() {
            FeedKeys.NewKey k = OfflineDatabase.with(store, db -> {
                Account a = db.accounts().find(account)
                        .orElseThrow(() -> new AccountException("no account '" + account + "'"));
                FeedKeys.NewKey issued = FeedKeys.issue(new JdbcFeedKeyStore(db.database()), a, label);
                // the key's id only, never the key
                db.audited("feed-key create", OfflineDatabase.adminRequest("POST", "accounts/" + account + "/feed-keys", 201)
                        + " (key " + issued.stored().id() + ")");
                return issued;
            });
            System.err.println("feed key " + k.stored().id() + " for '" + account + "' (shown only now; add it to"
                    + " the feed URL as ?key=... over HTTPS, or send it as a Bearer token):");
            System.out.println(k.key());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids, never the keys).")
    static final class ListCmd implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ACCOUNT", arity = "0..1") String account;

        @Override
        public Integer call() {
            List<FeedKeys.StoredKey> keys = withKeys(store, (accounts, k) -> k.list(account));
            for (FeedKeys.StoredKey k : keys) {
                System.out.println(k.id() + "  " + k.accountName() + "  " + k.createdAt()
                        + (k.label() == null ? "" : "  " + k.label()));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key by its id; it fails from the next request on.")
    static final class Revoke implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() {
            boolean revoked = OfflineDatabase.with(store, db -> {
                boolean found = new JdbcFeedKeyStore(db.database()).revoke(id);
                if (found) {
                    db.audited("feed-key revoke", OfflineDatabase.adminRequest("DELETE", "feed-keys/" + id, 204));
                }
                return found;
            });
            if (!revoked) {
                System.err.println("no feed key '" + id + "'");
                return 1;
            }
            System.out.println("feed key " + id + " revoked");
            return 0;
        }
    }
}
