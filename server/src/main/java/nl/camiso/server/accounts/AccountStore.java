package nl.camiso.server.accounts;

import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Accounts and grants, in the {@link AccountTables} ({@code storage.HibernateAccountTables}): this
 * class checks each change and makes it in one transaction. Password hashing happens outside
 * transactions (it is slow on purpose).
 */
public final class AccountStore implements AccountLookup {


    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

    /**
     * How long a looked-up account (with its grants) is reused: every request looks its account
     * up, and reading it from the database was 13 % of the server's time for a page of objects.
     * Changes made through this store take effect at once (they empty the cache); changes made
     * by another process (the CLI beside servers on PostgreSQL) within this time.
     */
    static final long CACHE_NANOS = 1_000_000_000L;
    private static final int CACHE_MAX = 10_000;

    private final AccountTables tables;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Counts writes through this store: a lookup that raced with one is not cached. */
    private final AtomicLong writes = new AtomicLong();

    private record Cached(Account account, long loadedAt) {
    }

    public AccountStore(AccountTables tables) {
        this.tables = tables;
    }

    @Override
    public Optional<Account> find(String name) {
        long now = System.nanoTime();
        Cached cached = cache.get(name);
        if (cached != null && now - cached.loadedAt() < CACHE_NANOS) {
            return Optional.of(cached.account());
        }
        long writesBefore = writes.get();
        Optional<Account> found = tables.inTransaction(rows -> rows.find(name));
        if (found.isEmpty()) {
            cache.remove(name); // unknown names are not kept: anyone can send any name
        } else if (writes.get() == writesBefore) {
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            cache.put(name, new Cached(found.get(), now));
        }
        return found;
    }

    /** A change to accounts or grants, in one transaction; lookups see it at once. */
    private <T> T write(Function<AccountTables.Rows, T> work) {
        try {
            return tables.inTransaction(work);
        } finally {
            writes.incrementAndGet();
            cache.clear();
        }
    }

    public List<Account> list() {
        return tables.inTransaction(AccountTables.Rows::all);
    }

    /**
     * Creates an account; {@code password} null makes a token-only account. The rules are checked
     * here, once, for the CLI and the admin API alike.
     */
    public void create(String name, String password, String organisation, Set<Role> roles) {
        checkName(name);
        String hash = password == null ? null : PasswordHasher.hash(checkPassword(password));
        write(rows -> {
            if (rows.exists(name)) {
                throw new AccountException("account '" + name + "' already exists");
            }
            requireOrganisation(rows, organisation);
            rows.insert(name, hash, AccountConfig.DEMO_PASSWORD.equals(password), organisation, roles);
            rows.networkChanged();
            return null;
        });
    }

    public void setPassword(String name, String password) {
        String hash = PasswordHasher.hash(checkPassword(password));
        write(rows -> {
            requireAccount(rows, name);
            // every bearer token issued before this change stops working
            rows.setPassword(name, hash, AccountConfig.DEMO_PASSWORD.equals(password));
            return null;
        });
    }

    /**
     * What to change in an existing account; null leaves a part as it is.
     *
     * @param organisation     the new organisation, which must exist (null with
     *                         {@code moveOrganisation}: none)
     * @param moveOrganisation whether to set the organisation at all
     */
    public record Update(String password, boolean moveOrganisation, String organisation, Set<Role> roles) {
    }

    /** Changes an account in one transaction: all of the update or, when a part is refused, none. */
    public void update(String name, Update update) {
        String hash = update.password() == null ? null : PasswordHasher.hash(checkPassword(update.password()));
        write(rows -> {
            requireAccount(rows, name);
            if (update.moveOrganisation()) {
                requireOrganisation(rows, update.organisation());
                rows.setOrganisation(name, update.organisation());
                rows.networkChanged();
            }
            if (update.roles() != null) {
                rows.setRoles(name, update.roles());
            }
            if (hash != null) {
                // every bearer token issued before this change stops working
                rows.setPassword(name, hash, AccountConfig.DEMO_PASSWORD.equals(update.password()));
            }
            return null;
        });
    }

    /** Adds rights (never removes any): read and/or write on a collection id or "*". */
    public void grant(String name, String apiRoot, String collection, boolean read, boolean write) {
        write(rows -> {
            requireAccount(rows, name);
            rows.touch(name);
            rows.addRights(name, apiRoot, collection, read, write);
            rows.networkChanged();
            return null;
        });
    }

    /**
     * Removes rights from a grant; the grant disappears when it has none left.
     *
     * @return false when there was no such grant
     */
    public boolean revoke(String name, String apiRoot, String collection, boolean read, boolean write) {
        return write(rows -> {
            requireAccount(rows, name);
            rows.touch(name);
            if (!rows.removeRights(name, apiRoot, collection, read, write)) {
                return false;
            }
            rows.networkChanged();
            return true;
        });
    }

    /** @return false when there was no such account */
    public boolean delete(String name) {
        return write(rows -> {
            if (!rows.delete(name)) {
                return false;
            }
            rows.networkChanged();
            return true;
        });
    }

    /** Names of the accounts whose password is the demo password. */
    public List<String> accountsWithDemoPassword() {
        return tables.inTransaction(AccountTables.Rows::withDemoPassword);
    }

    /**
     * Creates the configuration's accounts that were never seeded before. An account seeded once
     * is never touched again (its password, grants, or its deletion are the operators' changes).
     */
    public void seed(CamisoConfig config) {
        // The demo password is public, so the demo accounts share one hash: seeding the sample
        // network's ~30 accounts then costs one slow PBKDF2 run instead of thirty.
        String demoHash = null;
        for (AccountConfig a : config.accounts()) {
            String key = "account:" + a.name();
            if (tables.inTransaction(rows -> rows.seeded(key))) {
                continue;
            }
            String hash;
            if (AccountConfig.DEMO_PASSWORD.equals(a.password())) {
                hash = demoHash = demoHash != null ? demoHash : PasswordHasher.hash(a.password());
            } else {
                hash = a.password() != null ? PasswordHasher.hash(a.password()) : a.passwordHash();
            }
            boolean created = write(rows -> {
                if (rows.seeded(key)) {
                    return false;
                }
                rows.markSeeded(key);
                if (rows.exists(a.name())) {
                    return false; // made by hand before the config named it: leave it alone
                }
                rows.insert(a.name(), hash, AccountConfig.DEMO_PASSWORD.equals(a.password()), a.organisation(), a.roles());
                for (AccountConfig.GrantConfig g : a.grants()) {
                    rows.addRights(a.name(), g.apiRoot(), resolveCollection(config, g.apiRoot(), g.collection()),
                            g.read(), g.write());
                }
                rows.networkChanged();
                return true;
            });
            if (created) {
                LOG.info("Account '{}' created from the configuration", a.name());
            }
        }
    }

    /** A collection alias or id of the configuration as the collection id; "*" stays "*". */
    public static String resolveCollection(CamisoConfig config, String apiRoot, String idOrAlias) {
        if (Grant.ALL_COLLECTIONS.equals(idOrAlias)) {
            return idOrAlias;
        }
        ApiRootConfig root = config.apiRoot(apiRoot)
                .orElseThrow(() -> new AccountException("no API root '" + apiRoot + "' in the configuration"));
        return root.collection(idOrAlias).map(CollectionConfig::id)
                .orElseThrow(() -> new AccountException("no collection '" + idOrAlias + "' in API root '" + apiRoot + "'"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Names that are safe in URLs, logs and the audit trail. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AccountException("'" + name + "' is not a valid account name (letters, digits, '.', '_', '@', '-';"
                    + " at most 100)");
        }
    }

    private static void requireOrganisation(AccountTables.Rows rows, String organisation) {
        if (organisation != null && !rows.organisationExists(organisation)) {
            throw new AccountException("no organisation '" + organisation + "'");
        }
    }

    private static String checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static void requireAccount(AccountTables.Rows rows, String name) {
        if (!rows.exists(name)) {
            throw new AccountException("no account '" + name + "'");
        }
    }
}
