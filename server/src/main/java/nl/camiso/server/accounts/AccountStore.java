package nl.camiso.server.accounts;

import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import nl.camiso.server.identity.PasswordHasher;
import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.setup.SeedMarker;
import nl.camiso.server.storage.Database;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Accounts and grants in the database. Password hashing happens outside transactions (it is slow on purpose). */
public final class AccountStore implements AccountLookup {

    /** The entities to pass to {@link Database#open}. */
    public static final List<Class<?>> ENTITY_CLASSES = List.of(AccountEntity.class, GrantEntity.class, SeedMarker.class);

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

    private final Database database;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Counts writes through this store: a lookup that raced with one is not cached. */
    private final AtomicLong writes = new AtomicLong();

    private record Cached(Account account, long loadedAt) {
    }

    public AccountStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Account> find(String name) {
        long now = System.nanoTime();
        Cached cached = cache.get(name);
        if (cached != null && now - cached.loadedAt() < CACHE_NANOS) {
            return Optional.of(cached.account());
        }
        long writesBefore = writes.get();
        Optional<Account> found = database.inTransaction(s -> Optional.ofNullable(s.find(AccountEntity.class, name))
                .map(e -> toAccount(e, grantsOf(s, name))));
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
    private <T> T write(Function<Session, T> work) {
        try {
            return database.inTransaction(work);
        } finally {
            writes.incrementAndGet();
            cache.clear();
        }
    }

    /**
     * Accounts' organisations and read grants are part of the network snapshot (who reads a
     * collection), so a change to them moves the network's change counter in the same transaction:
     * every server instance then re-reads the network.
     */
    private static void networkChanged(Session s) {
        s.createNativeMutationQuery("UPDATE camiso_network_version SET version = version + 1 WHERE id = 1")
                .executeUpdate();
    }

    public List<Account> list() {
        return database.inTransaction(s -> s.createSelectionQuery("from AccountEntity order by name", AccountEntity.class)
                .getResultList().stream()
                .map(e -> toAccount(e, grantsOf(s, e.name)))
                .toList());
    }

    /** Creates an account; {@code password} null makes a token-only account. */
    public void create(String name, String password, String organisation, Set<Role> roles) {
        String hash = password == null ? null : PasswordHasher.hash(checkPassword(password));
        write(s -> {
            if (s.find(AccountEntity.class, name) != null) {
                throw new AccountException("account '" + name + "' already exists");
            }
            insert(s, name, hash, AccountConfig.DEMO_PASSWORD.equals(password), organisation, roles);
            networkChanged(s);
            return null;
        });
    }

    public void setPassword(String name, String password) {
        String hash = PasswordHasher.hash(checkPassword(password));
        write(s -> {
            AccountEntity e = existing(s, name);
            e.passwordHash = hash;
            e.demoPassword = AccountConfig.DEMO_PASSWORD.equals(password);
            e.updatedAt = Instant.now();
            // every bearer token issued before this change stops working
            e.tokenGeneration++;
            e.credentialsChangedAt = e.updatedAt;
            return null;
        });
    }

    /** Moves an account to another organisation (null: none). Checking that it exists is the caller's job. */
    public void setOrganisation(String name, String organisation) {
        write(s -> {
            AccountEntity e = existing(s, name);
            e.organisation = organisation;
            e.updatedAt = Instant.now();
            networkChanged(s);
            return null;
        });
    }

    /** Replaces an account's roles. */
    public void setRoles(String name, Set<Role> roles) {
        write(s -> {
            AccountEntity e = existing(s, name);
            e.roles = roles.stream().map(Role::label).sorted().collect(Collectors.joining(","));
            e.updatedAt = Instant.now();
            return null;
        });
    }

    /** Adds rights (never removes any): read and/or write on a collection id or "*". */
    public void grant(String name, String apiRoot, String collection, boolean read, boolean write) {
        write(s -> {
            existing(s, name).updatedAt = Instant.now();
            GrantEntity g = grantRow(s, name, apiRoot, collection);
            if (g == null) {
                g = new GrantEntity();
                g.accountName = name;
                g.apiRoot = apiRoot;
                g.collection = collection;
                s.persist(g);
            }
            g.canRead |= read;
            g.canWrite |= write;
            networkChanged(s);
            return null;
        });
    }

    /**
     * Removes rights from a grant; the grant disappears when it has none left.
     *
     * @return false when there was no such grant
     */
    public boolean revoke(String name, String apiRoot, String collection, boolean read, boolean write) {
        return write(s -> {
            existing(s, name).updatedAt = Instant.now();
            GrantEntity g = grantRow(s, name, apiRoot, collection);
            if (g == null) {
                return false;
            }
            g.canRead &= !read;
            g.canWrite &= !write;
            if (!g.canRead && !g.canWrite) {
                s.remove(g);
            }
            networkChanged(s);
            return true;
        });
    }

    /** @return false when there was no such account */
    public boolean delete(String name) {
        return write(s -> {
            AccountEntity e = s.find(AccountEntity.class, name);
            if (e == null) {
                return false;
            }
            s.createMutationQuery("delete from GrantEntity where accountName = :n").setParameter("n", name)
                    .executeUpdate();
            s.remove(e);
            networkChanged(s);
            return true;
        });
    }

    /** Names of the accounts whose password is the demo password. */
    public List<String> accountsWithDemoPassword() {
        return database.inTransaction(s -> s.createSelectionQuery(
                "select name from AccountEntity where demoPassword = true order by name", String.class).getResultList());
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
            if (database.inTransaction(s -> SeedMarker.isDone(s, key))) {
                continue;
            }
            String hash;
            if (AccountConfig.DEMO_PASSWORD.equals(a.password())) {
                hash = demoHash = demoHash != null ? demoHash : PasswordHasher.hash(a.password());
            } else {
                hash = a.password() != null ? PasswordHasher.hash(a.password()) : a.passwordHash();
            }
            boolean created = write(s -> {
                if (SeedMarker.isDone(s, key)) {
                    return false;
                }
                SeedMarker.markDone(s, key);
                if (s.find(AccountEntity.class, a.name()) != null) {
                    return false; // made by hand before the config named it: leave it alone
                }
                insert(s, a.name(), hash, AccountConfig.DEMO_PASSWORD.equals(a.password()), a.organisation(), a.roles());
                for (AccountConfig.GrantConfig g : a.grants()) {
                    GrantEntity row = new GrantEntity();
                    row.accountName = a.name();
                    row.apiRoot = g.apiRoot();
                    row.collection = resolveCollection(config, g.apiRoot(), g.collection());
                    row.canRead = g.read();
                    row.canWrite = g.write();
                    GrantEntity same = grantRow(s, a.name(), row.apiRoot, row.collection);
                    if (same == null) {
                        s.persist(row);
                    } else {
                        same.canRead |= row.canRead;
                        same.canWrite |= row.canWrite;
                    }
                }
                networkChanged(s);
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

    private static String checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new AccountException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static void insert(Session s, String name, String hash, boolean demo, String organisation, Set<Role> roles) {
        AccountEntity e = new AccountEntity();
        e.name = name;
        e.passwordHash = hash;
        e.demoPassword = demo;
        e.organisation = organisation;
        e.roles = roles.stream().map(Role::label).sorted().collect(Collectors.joining(","));
        e.accountId = UUID.randomUUID().toString();
        e.tokenGeneration = 0;
        e.createdAt = Instant.now();
        e.updatedAt = e.createdAt;
        e.credentialsChangedAt = e.createdAt;
        s.persist(e);
    }

    private static AccountEntity existing(Session s, String name) {
        AccountEntity e = s.find(AccountEntity.class, name);
        if (e == null) {
            throw new AccountException("no account '" + name + "'");
        }
        return e;
    }

    private static GrantEntity grantRow(Session s, String name, String apiRoot, String collection) {
        return s.createSelectionQuery(
                        "from GrantEntity where accountName = :n and apiRoot = :r and collection = :c", GrantEntity.class)
                .setParameter("n", name).setParameter("r", apiRoot).setParameter("c", collection)
                .uniqueResult();
    }

    private static List<GrantEntity> grantsOf(Session s, String name) {
        return s.createSelectionQuery("from GrantEntity where accountName = :n", GrantEntity.class)
                .setParameter("n", name).getResultList();
    }

    private static Account toAccount(AccountEntity e, List<GrantEntity> grants) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(e.roles.split(",")).filter(r -> !r.isBlank()).map(Role::fromLabel).forEach(roles::add);
        List<Grant> list = new ArrayList<>();
        grants.stream()
                .sorted(Comparator.comparing((GrantEntity g) -> g.apiRoot).thenComparing(g -> g.collection))
                .forEach(g -> list.add(new Grant(g.apiRoot, g.collection, g.canRead, g.canWrite)));
        return new Account(e.name, e.organisation, roles, list, e.passwordHash, e.accountId, e.tokenGeneration,
                e.credentialsChangedAt);
    }
}
