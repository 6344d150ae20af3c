package nl.camiso.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The database: connection pool, schema migrations (run on open), Hibernate session factory.
 *
 * <p>The schema comes only from the versioned scripts of {@link SchemaMigrator}
 * ({@code hbm2ddl} is off): add a {@code V<major>_<minor>__<name>.sql} script and list it in
 * {@code db/migration/index.txt} for every new table or column, also for entities registered
 * through {@code entityClasses}.
 *
 * <p>HikariCP is created here and handed to Hibernate as its DataSource, so migrations run on the
 * same pool before Hibernate starts and the credentials never appear in a URL.
 *
 * <p>Other packages reach the tables only through the stores of this package, each behind an
 * interface of the package that uses it: {@link #objectStore()}, {@link JdbcConsentStore},
 * {@link JdbcAuditTrail}, {@link JdbcNetworkTables}, {@link HibernateAccountTables}, {@link JdbcSuricataSidStore}, {@link JdbcStatusPurge} and
 * {@link SeedMarks}. They all write through {@link #inTransaction}, so through {@link Durability}.
 */
public final class Database implements AutoCloseable, nl.camiso.server.audit.CommitGroup {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Pool size: a few more than the cores, as writers of one collection wait on a row lock. */
    public static final int POOL_SIZE = 10;
    /**
     * How long a request waits for a free connection before it gets 503 with Retry-After (see
     * UnexpectedExceptionMapper): Hikari's default of 30 s holds a client, and its connection,
     * long past the point where "busy, come back" is the better answer.
     */
    public static final long CONNECTION_WAIT_MILLIS = 5_000;

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final DbObjectStore objectStore;
    private final PlannerStatistics statistics;
    private final IdKeys objectKeys;
    private final ReferenceIndex references;
    private final FeedAddressIndex feedAddresses;
    private final Durability durability;
    /** Set on a thread inside {@link #together}: writes committed there wait at its end (true once one did). */
    private final ThreadLocal<boolean[]> group = new ThreadLocal<>();
    private final RunMarker runMarker;

    private Database(DatabaseSettings settings, HikariDataSource dataSource, SessionFactory sessionFactory,
                     IdKeys objectKeys, IdKeys targetKeys, Durability durability, RunMarker runMarker) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.durability = durability;
        this.runMarker = runMarker;
        this.objectKeys = objectKeys;
        this.references = new ReferenceIndex(objectKeys, targetKeys);
        this.statistics = new PlannerStatistics(dataSource, settings.isPostgres());
        this.feedAddresses = new FeedAddressIndex(this);
        this.objectStore = new DbObjectStore(this, statistics, objectKeys, references);
    }

    /**
     * Opens the database, creating or upgrading the schema first.
     *
     * @param entityClasses annotated entities of other packages (accounts, ...) to register
     */
    public static Database open(DatabaseSettings settings, Collection<Class<?>> entityClasses) {
        return open(settings, entityClasses, SchemaMigrator.fromClasspath(Database.class.getClassLoader(), settings.dialectName()));
    }

    /** As {@link #open(DatabaseSettings, Collection)} with an explicit list of migration scripts (tests). */
    static Database open(DatabaseSettings settings, Collection<Class<?>> entityClasses, List<SchemaMigrator.Script> scripts) {
        if (settings.isSharedH2()) {
            // GenerationalIdKeys holds the id index filters in memory: objects written by another
            // process would be missing from them (not found, not recognised as duplicates)
            throw new UnsupportedDatabaseException("the H2 URL " + settings.jdbcUrl().replaceFirst(";.*", "") + " lets several"
                    + " processes use the database (H2 over TCP or AUTO_SERVER), but CAMISO keeps index filters of an"
                    + " H2 database in memory and must be its only user: use an embedded H2 file (the default) or, to share"
                    + " a database between servers, PostgreSQL (--db-url jdbc:postgresql://...)");
        }
        HikariDataSource ds;
        try {
            ds = createPool(settings);
        } catch (RuntimeException e) {
            throw openFailure(settings, e);
        }
        RunMarker marker = null;
        try {
            IdKeys objectKeys;
            IdKeys targetKeys;
            Durability durability;
            try (Connection c = ds.getConnection()) {
                // an embedded H2 file is ours alone from the first connection on: only now is the marker ours to read
                marker = RunMarker.open(settings);
                new SchemaMigrator(scripts).migrate(c);
                long t0 = System.nanoTime();
                // generations on embedded H2 from V8 on (tests also open older schemas, where keys are hashes)
                boolean generational = settings.isH2() && scripts.stream().anyMatch(s -> s.major() >= 8);
                objectKeys = IdKeys.load(c, generational, "stix_object", "id_hash");
                targetKeys = IdKeys.load(c, generational, "camiso_reference", "target_hash");
                if (objectKeys instanceof GenerationalIdKeys o && targetKeys instanceof GenerationalIdKeys t) {
                    LOG.info("Id index filters loaded in {} ms: {} generations of object ids, {} of reference targets",
                            (System.nanoTime() - t0) / 1_000_000, o.generationCount(), t.generationCount());
                }
            }
            durability = Durability.of(settings, ds);
            durability.awaitDurable(); // the migrations
            SessionFactory sf = buildSessionFactory(ds, entityClasses);
            LOG.info("Database {} open (user {}), schema at version {}", settings.jdbcUrl(), settings.user(),
                    scripts.isEmpty() ? "-" : scripts.get(scripts.size() - 1).version());
            Database db = new Database(settings, ds, sf, objectKeys, targetKeys, durability, marker);
            if (scripts.stream().anyMatch(s -> s.major() >= 18)) {
                // a database written before the feed address index has indicators without rows in it:
                // filled once here, before anything is served (tests also open older schemas, without the table)
                db.feedAddresses.fillOnce();
            }
            return db;
        } catch (SQLException | RuntimeException e) {
            ds.close();
            if (marker != null) {
                marker.closedCleanly();
            }
            throw openFailure(settings, e);
        }
    }

    /**
     * Why the database did not open. An embedded H2 file is open in one process at a time: the
     * usual cause is a running {@code camiso serve} while a CLI command wants the same data
     * directory, which gets a message saying what to do instead of H2's stack of causes.
     */
    private static StorageException openFailure(DatabaseSettings settings, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (settings.isH2() && m != null && (m.contains("file is locked") || m.contains("90020"))) {
                return new DatabaseInUseException("the embedded database " + settings.jdbcUrl().replaceFirst(";.*", "")
                        + " is in use by another process (a running 'camiso serve'?); H2 opens a data directory in one"
                        + " process at a time. Stop the server first, or make the change over HTTP while it runs"
                        + " (/x-camiso/admin/ for accounts and the network, POST /x-camiso/token/ for tokens).", e);
            }
        }
        return new StorageException("cannot open database " + settings.jdbcUrl() + ": " + e.getMessage(), e);
    }

    private static HikariDataSource createPool(DatabaseSettings settings) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("camiso-db");
        cfg.setJdbcUrl(settings.jdbcUrl());
        cfg.setUsername(settings.user());
        cfg.setPassword(settings.password() == null ? "" : settings.password());
        cfg.setMaximumPoolSize(POOL_SIZE);
        cfg.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        cfg.setAutoCommit(false);
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (settings.isPostgres()) {
            // The driver turns a statement run five times into a server-side prepared statement, and
            // PostgreSQL then caches a generic plan made from the statistics of that moment. Planned
            // while a collection was still small, the duplicate check by object_id scanned the whole
            // collection for good (ingest fell from 2,400 to 80 objects/s by 100k objects). Plan
            // each execution with its parameters instead; planning costs well under a millisecond.
            // A commit must be on disk when it returns: synchronous_commit = off (which a DBA may set for the
            // whole server) acknowledges commits the next crash loses, so it is turned back on for our
            // sessions; every other value (local, remote_write, on, remote_apply) waits for the local WAL
            // flush and is kept.
            cfg.setConnectionInitSql("SELECT set_config('plan_cache_mode', 'force_custom_plan', false),"
                    + " set_config('synchronous_commit', CASE current_setting('synchronous_commit') WHEN 'off' THEN 'on'"
                    + " ELSE current_setting('synchronous_commit') END, false)");
            // With auto-commit off the pool would leave the init SQL's transaction open until the
            // connection's first use ("idle in transaction", which a DBA's
            // idle_in_transaction_session_timeout ends); the settings are per session, so commit it.
            cfg.setIsolateInternalQueries(true);
            // one multi-row INSERT per batch instead of one statement per row
            cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(cfg);
    }

    private static SessionFactory buildSessionFactory(HikariDataSource ds, Collection<Class<?>> entityClasses) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, "true")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "100")
                .applySetting(AvailableSettings.ORDER_INSERTS, "true")
                .build();
        try {
            List<Class<?>> all = new ArrayList<>();
            all.add(StatusEntity.class);
            all.addAll(entityClasses);
            MetadataSources sources = new MetadataSources(registry);
            all.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns, rolled back when it throws.
     * When the transaction wrote anything, this returns only once the commit is on stable storage
     * (see {@link Durability}): whatever a caller acknowledges after it survives a crash.
     */
    <T> T inTransaction(Function<Session, T> work) {
        boolean[] wrote = {false};
        T result = sessionFactory.fromTransaction(s -> {
            T r = work.apply(s);
            if (durability != Durability.NONE) {
                s.flush(); // entity changes reach the database now rather than at commit, so that they are seen
                wrote[0] = s.doReturningWork(durability::hasUncommittedWrites);
            }
            return r;
        });
        if (wrote[0]) {
            boolean[] pending = group.get();
            if (pending != null) {
                pending[0] = true;
            } else {
                durability.awaitDurable();
            }
        }
        return result;
    }

    @Override
    public <T> T together(Supplier<T> work) {
        if (group.get() != null) {
            return work.get(); // the outer group waits
        }
        boolean[] pending = {false};
        group.set(pending);
        T result;
        try {
            result = work.get();
        } finally {
            group.remove();
        }
        // nothing is acknowledged when work throws, so only a normal return needs the wait
        if (pending[0]) {
            durability.awaitDurable();
        }
        return result;
    }

    /** Returns once every transaction committed so far is on stable storage (for plain JDBC writers). */
    void awaitDurable() {
        durability.awaitDurable();
    }

    /** Store-and-fsync runs of the embedded H2 file so far; 0 on PostgreSQL and in-memory H2 (tests). */
    long durableSyncs() {
        return durability.syncCount();
    }

    /** The TAXII object and status store on this database. */
    public nl.camiso.taxii.spi.ObjectStore objectStore() {
        return objectStore;
    }

    // The repositories that other packages declare and this package implements: those packages
    // never import storage, the composition root (CamisoServer, the CLI) hands them these.

    /** The objects waiting for marking definitions, beside the object store whose statuses list them. */
    public nl.camiso.server.ingest.PendingObjects pendingObjects() {
        return objectStore;
    }

    /** Accounts and grants ({@link HibernateAccountTables}). */
    public nl.camiso.server.accounts.AccountTables accountTables() {
        return new HibernateAccountTables(this);
    }

    /** Organisations, initiatives, memberships and RED lists ({@link JdbcNetworkTables}). */
    public nl.camiso.server.network.NetworkTables networkTables() {
        return new JdbcNetworkTables(this);
    }

    /** Release consents ({@link JdbcConsentStore}). */
    public nl.camiso.server.actions.ConsentStore consents() {
        return new JdbcConsentStore(this);
    }

    /** The audit chain ({@link JdbcAuditTrail}). */
    public nl.camiso.server.audit.AuditTrail auditTrail() {
        return new JdbcAuditTrail(this);
    }

    /** The sids given to Suricata rules ({@link JdbcSuricataSidStore}). */
    public nl.camiso.server.feeds.SuricataSids.Store suricataSids() {
        return new JdbcSuricataSidStore(this);
    }

    /** The purge of old statuses ({@link JdbcStatusPurge}). */
    public nl.camiso.server.ingest.StatusRetention.Store statusPurge() {
        return new JdbcStatusPurge(this);
    }

    /** The backward-reference index of this database's objects, behind {@link DbObjectStore#referrers}. */
    /** The addresses of the latest indicator versions of each collection, in address order, for the ip feed. */
    public nl.camiso.server.feeds.FeedAddresses.Store feedAddresses() {
        return feedAddresses;
    }

    ReferenceIndex references() {
        return references;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Plain JDBC connections from the same pool (auto-commit off), for tools and benchmarks. */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** Closes Hibernate, then the pool; with the last connection H2 closes its file cleanly. */
    @Override
    public void close() {
        try {
            statistics.close();
            sessionFactory.close();
        } finally {
            dataSource.close();
            if (runMarker != null) {
                runMarker.closedCleanly();
            }
        }
    }
}
