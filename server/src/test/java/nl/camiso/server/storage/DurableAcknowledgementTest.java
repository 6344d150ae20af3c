package nl.camiso.server.storage;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.actions.ConsentStore;
import nl.camiso.server.audit.AuditEvent;
import nl.camiso.server.audit.DbAuditLog;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.server.network.NetworkTables;
import nl.camiso.server.network.Organisation;
import nl.camiso.taxii.spi.VersionMatch;
import nl.camiso.taxii.testing.ObjectStoreContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static nl.camiso.taxii.testing.ObjectStoreContract.indicator;
import static nl.camiso.taxii.testing.ObjectStoreContract.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a power cut would take, which {@code kill -9} ({@link CrashDurabilityTest}) cannot show:
 * the embedded H2 file must be forced to the disk (fsync) with the object in it before the server
 * answers. Watched through an H2 file system wrapper that sees every write and every force of the
 * real file; whether the disk then keeps what it was told to keep is beyond any test here.
 */
class DurableAcknowledgementTest {

    private static final String GREEN = "deeadbed-fb79-43d2-8a28-43cf9e91a347";
    private static final String TAXII = "application/taxii+json;version=2.1";

    @TempDir
    Path dir;

    @BeforeAll
    static void registerFileSystem() {
        ForceWatchingFilePath.register();
    }

    @Test
    void everyAcknowledgedObjectIsOnTheDiskBeforeTheAnswer() {
        String url = "jdbc:h2:" + ForceWatchingFilePath.SCHEME + ":" + dir.resolve("camiso").toAbsolutePath()
                + DatabaseSettings.H2_OPTIONS;
        try (CamisoServer server = CamisoServer.start(new ServerOptions(null, "127.0.0.1", 0, dir, url, "sa", "",
                null, null, false))) {
            for (int i = 0; i < 5; i++) {
                String id = newId("indicator");
                ForceWatchingFilePath.watch(id);
                long forcesBefore = ForceWatchingFilePath.forces();
                given().baseUri(server.baseUri().toString()).auth().preemptive().basic("admin", "camiso-demo")
                        .accept(TAXII).contentType(TAXII)
                        .body("{\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                                + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
                                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\","
                                + "\"valid_from\":\"2026-01-01T00:00:00Z\"}]}")
                        .post("ndn/collections/" + GREEN + "/objects/")
                        .then().statusCode(202).body("status", equalTo("complete")).body("successes[0].id", equalTo(id));
                assertEquals(ForceWatchingFilePath.State.FORCED, ForceWatchingFilePath.state(id),
                        "object " + i + " was written to the H2 file and the file forced before the 202");
                assertTrue(ForceWatchingFilePath.forces() > forcesBefore);
            }
        }
    }

    @Test
    void onlyTransactionsThatWroteWaitForTheDisk() {
        try (TestDatabases.TestDb t = TestDatabases.h2(); Database db = Database.open(t.settings(), List.of())) {
            String collection = UUID.randomUUID().toString();
            long before = db.durableSyncs();
            String id = newId("indicator");
            db.objectStore().add("ndn", collection, "alice", DbObjectStore.nowMicros(), 1,
                    List.of(indicator(id, "2021-01-01T00:00:00Z")), List.of());
            long afterWrite = db.durableSyncs();
            assertTrue(afterWrite > before, "a write is stored and synced before add returns");

            assertTrue(db.objectStore().contains(collection, id));
            assertEquals(1, db.objectStore().find(collection, ObjectStoreContract.query(VersionMatch.ALL)).items().size());
            assertEquals(afterWrite, db.durableSyncs(), "reads do not wait for the disk");

            // an envelope and its audit entries: one wait, after the last commit
            int stored = db.together(() -> {
                int n = 0;
                for (int i = 0; i < 3; i++) {
                    n += db.objectStore().add("ndn", collection, "alice", DbObjectStore.nowMicros(), 1,
                            List.of(indicator(newId("indicator"), "2021-01-01T00:00:00Z")), List.of()).successCount();
                    assertEquals(afterWrite, db.durableSyncs(), "inside the group nothing waits yet");
                }
                return n;
            });
            assertEquals(3, stored);
            assertEquals(afterWrite + 1, db.durableSyncs(), "one store-and-fsync for the group when it returns");
        }
    }

    /** Consents, the audit chain and the network write through the same durable transactions as objects. */
    @Test
    void theOtherStoresWaitForTheDiskOnlyWhenTheyWrote() {
        try (TestDatabases.TestDb t = TestDatabases.h2(); Database db = Database.open(t.settings(), List.of())) {
            ConsentStore consents = new JdbcConsentStore(db);
            long before = db.durableSyncs();
            consents.give(new ConsentStore.Consent("c", "isac", "dtc", false, "isac-analyst", Instant.now()));
            long afterConsent = db.durableSyncs();
            assertTrue(afterConsent > before, "a consent is on the disk before give returns");
            assertTrue(consents.find("c", "isac", "dtc").isPresent());
            assertEquals(afterConsent, db.durableSyncs(), "reading a consent does not wait");

            DbAuditLog audit = new DbAuditLog(new JdbcAuditTrail(db));
            audit.append(AuditEvent.builder(AuditEvent.WRITE).actor("alice", null).detail("stored").build());
            long afterAudit = db.durableSyncs();
            assertTrue(afterAudit > afterConsent, "an audit entry is on the disk before append returns");
            assertTrue(audit.verify().ok());
            assertEquals(afterAudit, db.durableSyncs(), "verifying the chain does not wait");

            NetworkTables network = new JdbcNetworkTables(db);
            long version = network.inTransaction(NetworkTables.Rows::version);
            network.inTransaction(rows -> {
                rows.insertOrganisation(new Organisation("isac", "ISAC", OrganisationConfig.Role.SOURCE, null));
                rows.bump();
                return null;
            });
            long afterNetwork = db.durableSyncs();
            assertTrue(afterNetwork > afterAudit, "a network change is on the disk before it returns");
            assertEquals(version + 1, network.inTransaction(NetworkTables.Rows::version));
            assertEquals(afterNetwork, db.durableSyncs(), "reading the network does not wait");
        }
    }

    @Test
    void concurrentWritersShareTheSyncs() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.h2(); Database db = Database.open(t.settings(), List.of())) {
            int threads = 8;
            int writesEach = 20;
            List<String> collections = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString());
            collections.forEach(c -> db.objectStore().add("ndn", c, "alice", DbObjectStore.nowMicros(), 0, List.of(),
                    List.of()));
            long before = db.durableSyncs();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String collection = collections.get(i % collections.size());
                    done.add(pool.submit(() -> {
                        for (int w = 0; w < writesEach; w++) {
                            db.objectStore().add("ndn", collection, "alice", DbObjectStore.nowMicros(), 1,
                                    List.of(indicator(newId("indicator"), "2021-01-01T00:00:00Z")), List.of());
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long syncs = db.durableSyncs() - before;
            int writes = threads * writesEach;
            System.out.printf("%d concurrent writes made durable by %d store-and-fsync runs%n", writes, syncs);
            assertTrue(syncs > 0 && syncs < writes, writes + " writes, " + syncs + " syncs: a sync serves several commits");
        }
    }
}
