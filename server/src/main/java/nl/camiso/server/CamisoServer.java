package nl.camiso.server;

import nl.camiso.server.storage.HibernateAccountTables;
import nl.camiso.server.access.AccessRules;
import nl.camiso.server.access.CollectionSettings;
import nl.camiso.server.access.ServerAuthorizer;
import nl.camiso.server.actions.CamisoExtensions;
import nl.camiso.server.actions.ObjectGraph;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.audit.AuditFilter;
import nl.camiso.server.audit.AuditResource;
import nl.camiso.server.audit.AuditingAuthorizer;
import nl.camiso.server.audit.AuditingObjectStore;
import nl.camiso.server.audit.DbAuditLog;
import nl.camiso.server.admin.AdminResource;
import nl.camiso.server.auth.AnonymousAccess;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.auth.Authenticator;
import nl.camiso.server.auth.CredentialCache;
import nl.camiso.server.auth.HmacSecret;
import nl.camiso.server.auth.JwtVerifier;
import nl.camiso.server.auth.TokenIssuer;
import nl.camiso.server.auth.TokenResource;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.feeds.FeedResource;
import nl.camiso.server.feeds.OrganisationAllowLists;
import nl.camiso.server.feeds.SuricataSids;
import nl.camiso.server.http.HttpEndpoint;
import nl.camiso.server.identity.Principal;
import nl.camiso.server.ingest.IngestRules;
import nl.camiso.server.ingest.PendingMarkings;
import nl.camiso.server.ingest.SightingsForwardResource;
import nl.camiso.server.ingest.SightingsForwarder;
import nl.camiso.server.ingest.StatusRetention;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.NetworkStore;
import nl.camiso.server.setup.DemoGuard;
import nl.camiso.server.setup.Logging;
import nl.camiso.server.setup.SampleLoader;
import nl.camiso.server.setup.Settings;
import nl.camiso.server.setup.StartupException;
import nl.camiso.server.storage.JdbcFeedKeyStore;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.JdbcAuditTrail;
import nl.camiso.server.storage.ServerSecrets;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.TaxiiApi;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.query.Cursor;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;

/**
 * A running CAMISO server: the composition root. {@link #start} reads the configuration,
 * opens the database, seeds accounts and sample data, and listens; {@link #close} stops it
 * cleanly (in-flight requests finish first, then the database closes).
 */
public final class CamisoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CamisoServer.class);

    private final HttpEndpoint http;
    private final Database database;
    private final PendingMarkings pending;
    private final StatusRetention retention;
    private boolean closed;

    private CamisoServer(HttpEndpoint http, Database database, PendingMarkings pending, StatusRetention retention) {
        this.http = http;
        this.database = database;
        this.pending = pending;
        this.retention = retention;
    }

    /**
     * Starts a server.
     *
     * @throws nl.camiso.server.config.ConfigException for an invalid configuration file
     * @throws StartupException                        when it refuses to start (demo password on a
     *                                                 public address, unusable keystore, port in use...)
     */
    public static CamisoServer start(ServerOptions options) {
        Logging.install();
        Settings settings = Settings.resolve(options);
        CamisoConfig config = settings.config();
        DemoGuard.checkConfig(settings.bind(), config);
        createDataDir(settings);

        Database database = Database.open(settings.database(), HibernateAccountTables.ENTITY_CLASSES);
        PendingMarkings pending = null;
        try {
            AccountStore accounts = new AccountStore(database.accountTables());
            accounts.seed(config);
            DemoGuard.checkAccounts(settings.bind(), accounts.accountsWithDemoPassword());

            StixValidator validator = new StixValidator();
            NetworkStore networkStore = new NetworkStore(database.networkTables(), config);
            networkStore.seed(config);
            Network network = Network.live(networkStore, Network.DEFAULT_RECHECK);

            ConfiguredCatalog catalog = new ConfiguredCatalog(config);
            DbAuditLog audit = new DbAuditLog(new JdbcAuditTrail(database));
            // one authorizer for every operation; audited, so refusals that answer a request are recorded
            ServerAuthorizer authorizer = authorizer(catalog, network);
            Authorizer<Principal> audited = new AuditingAuthorizer<>(authorizer);
            TaxiiServices services = taxiiServices(catalog, database, network, audit, validator, audited);
            // objects that wait for marking definitions: judged again as their poster when one arrives, failed after the timeout
            pending = new PendingMarkings(database.pendingObjects(), validator, services.ingest(), services.access(),
                    catalog, name -> accounts.find(name).map(Principal::of), audit, database,
                    config.server().ingest().pendingMarkingTimeout());
            if (settings.loadSamples()) {
                // after the network is seeded: sample data is judged by the same ingest rules as a client's
                new SampleLoader(config, database, services).loadOnce();
            }
            JdbcFeedKeyStore feedKeys = new JdbcFeedKeyStore(database);
            JwtVerifier jwt = config.server().jwt() == null ? null
                    : JwtVerifier.fromConfig(config.server().jwt(), settings.jwtSecretFile());
            AuthFilter auth = new AuthFilter(new Authenticator(accounts, new CredentialCache(), jwt, feedKeys),
                    audit, AnonymousAccess.of(catalog, authorizer, (root, name) -> config.apiRoot(root)
                    .map(r -> r.feedSets().get(name)).map(set -> set.collections()).orElse(java.util.List.of())));
            ResourceConfig app = new ResourceConfig()
                    .register(new TaxiiApi(services))
                    .register(auth)
                    .register(new AuditFilter(audit))
                    .register(AuditResource.feature(audit, audited))
                    .register(CamisoExtensions.create(services, database.consents(), catalog, network, audit))
                    .register(FeedResource.feature(FeedResource.Services.of(services, config,
                            organisation -> {
                                NetworkSnapshot now = network.current();
                                return new OrganisationAllowLists.Own(now.ownEntries(organisation), now.readAt());
                            }, new ObjectGraph(services.store()), database.feedAddresses(),
                                    new SuricataSids(database.suricataSids()))))
                    .register(SightingsForwardResource.feature(new SightingsForwarder(services, catalog::config, network::current, audit)))
                    .register(AdminResource.feature(new AdminResource.Services(config, network, accounts, audited, feedKeys, audit)))
                    .register(TokenResource.feature(tokenIssuer(config, settings), audited));

            HttpEndpoint http = HttpEndpoint.start(settings.bind(), settings.port(), settings.keystore(),
                    settings.keystorePassword(), app);
            LOG.info("CAMISO listening on {}taxii2/ with database {}{}", http.baseUri(), settings.databaseForLog(),
                    http.isTls() ? " (HTTPS, TLS 1.2/1.3)"
                            : " (plain HTTP: only for loopback or behind a TLS-terminating proxy)");
            pending.start();
            // old statuses go in the background, never during start
            StatusRetention retention = new StatusRetention(database.statusPurge(), config.server().statuses().retention()).start();
            return new CamisoServer(http, database, pending, retention);
        } catch (RuntimeException e) {
            if (pending != null) {
                pending.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * What the TAXII resources work with: access and ingest rules, and the store, both audited.
     * {@code camiso import} without a server uses this too, so a file goes through the same rules
     * as a client's POST.
     */
    public static TaxiiServices taxiiServices(ConfiguredCatalog catalog, Database database, Network network,
                                              DbAuditLog audit, StixValidator validator) {
        return taxiiServices(catalog, database, network, audit, validator,
                new AuditingAuthorizer<>(authorizer(catalog, network)));
    }

    /** The server's authorizer on the configured collections and the live network. */
    public static ServerAuthorizer authorizer(ConfiguredCatalog catalog, Network network) {
        return new ServerAuthorizer(AccessRules.network(catalog, network), CollectionSettings.from(catalog), network);
    }

    private static TaxiiServices taxiiServices(ConfiguredCatalog catalog, Database database, Network network,
                                               DbAuditLog audit, StixValidator validator,
                                               Authorizer<Principal> authorizer) {
        AccessRules access = AccessRules.network(catalog, network);
        IngestRules ingest = new IngestRules(catalog::config, catalog, database.objectStore(), access, network::current);
        // the decorators record writes, deletes, refused objects and refused operations; next tokens are
        // authenticated with a key in the database: valid on every instance, after restarts
        return new TaxiiServices(catalog,
                new AuditingObjectStore(database.objectStore(), catalog, audit, database),
                access, ingest, validator, catalog.config().server().maxPageSize(),
                new Cursor(ServerSecrets.loadOrCreate(database, ServerSecrets.CURSOR_KEY)),
                authorizer);
    }

    /** Issues tokens where HS256 is configured; null otherwise (the token endpoint then answers 404). */
    private static TokenIssuer tokenIssuer(CamisoConfig config, Settings settings) {
        boolean hs256 = config.server().jwt() != null && config.server().jwt().allowedAlgorithms().contains("HS256");
        return hs256 ? new TokenIssuer(config.server().jwt(), HmacSecret.loadOrCreate(settings.jwtSecretFile())) : null;
    }

    private static void createDataDir(Settings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return http.port();
    }

    /** The server's database, for tests that hold its connections to simulate overload. */
    public Database database() {
        return database;
    }

    /** e.g. {@code http://127.0.0.1:8080/} */
    public URI baseUri() {
        return http.baseUri();
    }

    /** Stops accepting requests, lets in-flight ones finish, then closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("CAMISO stopping: letting in-flight requests finish");
        try {
            http.close();
            pending.close();
            retention.close();
        } finally {
            database.close();
        }
        LOG.info("CAMISO stopped");
    }
}
