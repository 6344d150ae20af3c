package nl.camiso.server.storage;

import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountTables;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;
import org.hibernate.Session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@link AccountTables} as Hibernate entities ({@link AccountEntity}, {@link GrantEntity}, {@link SeedMarker}). */
public final class HibernateAccountTables implements AccountTables {

    /** The entities to pass to {@link Database#open}. */
    public static final List<Class<?>> ENTITY_CLASSES = List.of(AccountEntity.class, GrantEntity.class, SeedMarker.class);

    private final Database database;

    public HibernateAccountTables(Database database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Function<Rows, T> work) {
        return database.inTransaction(s -> work.apply(new SessionRows(s)));
    }

    private record SessionRows(Session s) implements Rows {

        @Override
        public Optional<Account> find(String name) {
            return Optional.ofNullable(s.find(AccountEntity.class, name)).map(e -> toAccount(e, grantsOf(name)));
        }

        @Override
        public List<Account> all() {
            return s.createSelectionQuery("from AccountEntity order by name", AccountEntity.class)
                    .getResultList().stream()
                    .map(e -> toAccount(e, grantsOf(e.name)))
                    .toList();
        }

        @Override
        public boolean exists(String name) {
            return s.find(AccountEntity.class, name) != null;
        }

        @Override
        public boolean organisationExists(String name) {
            return s.createNativeQuery("SELECT COUNT(*) FROM camiso_organisation WHERE name = :name", Long.class)
                    .setParameter("name", name).getSingleResult().intValue() > 0;
        }

        @Override
        public List<String> withDemoPassword() {
            return s.createSelectionQuery(
                    "select name from AccountEntity where demoPassword = true order by name", String.class).getResultList();
        }

        @Override
        public void insert(String name, String passwordHash, boolean demoPassword, String organisation, Set<Role> roles) {
            AccountEntity e = new AccountEntity();
            e.name = name;
            e.passwordHash = passwordHash;
            e.demoPassword = demoPassword;
            e.organisation = organisation;
            e.roles = labels(roles);
            e.accountId = UUID.randomUUID().toString();
            e.tokenGeneration = 0;
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            e.credentialsChangedAt = e.createdAt;
            s.persist(e);
        }

        @Override
        public void setPassword(String name, String passwordHash, boolean demoPassword) {
            AccountEntity e = existing(name);
            e.passwordHash = passwordHash;
            e.demoPassword = demoPassword;
            e.updatedAt = Instant.now();
            // every bearer token issued before this change stops working
            e.tokenGeneration++;
            e.credentialsChangedAt = e.updatedAt;
        }

        @Override
        public void setOrganisation(String name, String organisation) {
            AccountEntity e = existing(name);
            e.organisation = organisation;
            e.updatedAt = Instant.now();
        }

        @Override
        public void setRoles(String name, Set<Role> roles) {
            AccountEntity e = existing(name);
            e.roles = labels(roles);
            e.updatedAt = Instant.now();
        }

        @Override
        public void touch(String name) {
            existing(name).updatedAt = Instant.now();
        }

        @Override
        public void addRights(String name, String apiRoot, String collection, boolean read, boolean write) {
            GrantEntity g = grantRow(name, apiRoot, collection);
            if (g == null) {
                g = new GrantEntity();
                g.accountName = name;
                g.apiRoot = apiRoot;
                g.collection = collection;
                s.persist(g);
            }
            g.canRead |= read;
            g.canWrite |= write;
        }

        @Override
        public boolean removeRights(String name, String apiRoot, String collection, boolean read, boolean write) {
            GrantEntity g = grantRow(name, apiRoot, collection);
            if (g == null) {
                return false;
            }
            g.canRead &= !read;
            g.canWrite &= !write;
            if (!g.canRead && !g.canWrite) {
                s.remove(g);
            }
            return true;
        }

        @Override
        public boolean delete(String name) {
            AccountEntity e = s.find(AccountEntity.class, name);
            if (e == null) {
                return false;
            }
            s.createMutationQuery("delete from GrantEntity where accountName = :n").setParameter("n", name)
                    .executeUpdate();
            s.remove(e);
            return true;
        }

        @Override
        public boolean seeded(String key) {
            return SeedMarker.isDone(s, key);
        }

        @Override
        public void markSeeded(String key) {
            SeedMarker.markDone(s, key);
        }

        @Override
        public void networkChanged() {
            s.createNativeMutationQuery("UPDATE camiso_network_version SET version = version + 1 WHERE id = 1")
                    .executeUpdate();
        }

        private AccountEntity existing(String name) {
            AccountEntity e = s.find(AccountEntity.class, name);
            if (e == null) {
                throw new IllegalStateException("no account '" + name + "' (the caller checks first)");
            }
            return e;
        }

        private GrantEntity grantRow(String name, String apiRoot, String collection) {
            return s.createSelectionQuery(
                            "from GrantEntity where accountName = :n and apiRoot = :r and collection = :c", GrantEntity.class)
                    .setParameter("n", name).setParameter("r", apiRoot).setParameter("c", collection)
                    .uniqueResult();
        }

        private List<GrantEntity> grantsOf(String name) {
            return s.createSelectionQuery("from GrantEntity where accountName = :n", GrantEntity.class)
                    .setParameter("n", name).getResultList();
        }
    }

    /** Comma-separated role labels ("admin,supervisor"); "" for none. */
    private static String labels(Set<Role> roles) {
        return roles.stream().map(Role::label).sorted().collect(Collectors.joining(","));
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
