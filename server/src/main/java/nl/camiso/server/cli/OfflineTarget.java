package nl.camiso.server.cli;

import nl.camiso.server.storage.HibernateAccountTables;
import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountStore;
import nl.camiso.server.audit.AuditContext;
import nl.camiso.server.audit.DbAuditLog;
import nl.camiso.server.access.ServerAuthorizer;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkStore;
import nl.camiso.server.setup.Settings;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.JdbcAuditTrail;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.validation.StixValidator;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.resources.EnvelopeIntake;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.StatusRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports into the data directory without a server: the same services a server builds
 * ({@link CamisoServer#taxiiServices}), and each envelope goes through {@link EnvelopeIntake}
 * exactly like a POST's body (validation, TLP, reference and creator rules, the audited store),
 * as the named account. The database must not be in use by a running server (H2 file lock).
 */
final class OfflineTarget implements ImportTarget {

    /** Recorded as the audit's remote address of the writes. */
    static final String ORIGIN = "local: camiso import";

    private final Database database;
    private final TaxiiServices services;
    private final Principal requester;
    private final ApiRootInfo root;
    private final CollectionInfo collection;

    OfflineTarget(StoreOptions options, String accountName, String apiRoot, String collectionName) {
        Settings settings = OfflineDatabase.settings(options);
        ConfiguredCatalog catalog = new ConfiguredCatalog(settings.config());
        CollectionInfo found = findCollection(catalog, apiRoot, collectionName);
        this.collection = found;
        this.root = catalog.apiRoot(found.apiRoot()).orElseThrow();
        this.database = Database.open(settings.database(), HibernateAccountTables.ENTITY_CLASSES);
        try {
            // the state a server start would create: configured accounts and network
            AccountStore accounts = new AccountStore(database.accountTables());
            accounts.seed(settings.config());
            NetworkStore network = new NetworkStore(database.networkTables(), settings.config());
            network.seed(settings.config());
            Account account = accounts.find(accountName)
                    .orElseThrow(() -> new ImportException("no account '" + accountName + "'"));
            this.requester = Principal.of(account);
            Network now = Network.fixed(network.load());
            this.services = CamisoServer.taxiiServices(catalog, database, now,
                    new DbAuditLog(new JdbcAuditTrail(database)), new StixValidator());
            // the server's authorizer, as for a POST by this account
            ServerAuthorizer authorizer = CamisoServer.authorizer(catalog, now);
            if (!authorizer.decide(requester, Operation.ADD_OBJECTS, Target.collection(collection)).isAllowed()) {
                throw new ImportException("account '" + accountName + "' may not add objects to collection "
                        + describeCollection(collection));
            }
            if (!authorizer.decide(requester, Operation.READ_OBJECTS, Target.collection(collection)).isAllowed()) {
                System.err.println("camiso import: warning: account '" + accountName + "' may not read collection "
                        + describeCollection(collection) + ": marking definitions and objects already stored there"
                        + " do not count for the rules, so objects that rely on them are refused");
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static CollectionInfo findCollection(ConfiguredCatalog catalog, String apiRoot, String name) {
        List<CollectionInfo> matches = new ArrayList<>();
        for (ApiRootInfo r : catalog.apiRoots()) {
            if (apiRoot == null || apiRoot.equals(r.name())) {
                catalog.collection(r.name(), name).ifPresent(matches::add);
            }
        }
        if (apiRoot != null && catalog.apiRoot(apiRoot).isEmpty()) {
            throw new ImportException("no API root '" + apiRoot + "' in the configuration");
        }
        if (matches.isEmpty()) {
            throw new ImportException("no collection '" + name + "' (id or alias) in "
                    + (apiRoot == null ? "the configuration" : "API root '" + apiRoot + "'"));
        }
        if (matches.size() > 1) {
            throw new ImportException("collection '" + name + "' is in several API roots; say which with --api-root");
        }
        return matches.get(0);
    }

    static String describeCollection(CollectionInfo c) {
        return c.apiRoot() + "/" + (c.alias() != null ? c.alias() : c.id());
    }

    @Override
    public String describe() {
        return describeCollection(collection) + " (data directory, as " + requester.name() + ")";
    }

    @Override
    public long maxContentLength() {
        return root.maxContentLength();
    }

    @Override
    public StatusRecord post(byte[] envelope) throws IOException {
        long requestMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        JsonNode body = StixJson.parse(envelope);
        try {
            return AuditContext.runAs(requester, ORIGIN, () -> EnvelopeIntake
                    .of(body, services, requester, collection)
                    .store(services.store(), root.name(), collection.id(), requester.name(), requestMicros));
        } catch (TaxiiException e) {
            throw new EnvelopeRefused(e.getMessage());
        }
    }

    @Override
    public Optional<StatusRecord> status(String statusId) {
        return services.store().status(root.name(), statusId);
    }

    @Override
    public void close() {
        database.close();
    }
}
