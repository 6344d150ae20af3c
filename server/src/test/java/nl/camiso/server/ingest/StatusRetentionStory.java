package nl.camiso.server.ingest;

import io.restassured.path.json.JsonPath;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.server.storage.Database;
import nl.camiso.server.storage.DatabaseSettings;
import nl.camiso.server.storage.HibernateAccountTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static nl.camiso.server.ingest.PendingMarkingsStory.as;
import static nl.camiso.server.ingest.PendingMarkingsStory.indicator;
import static nl.camiso.server.ingest.PendingMarkingsStory.newId;
import static nl.camiso.server.ingest.PendingMarkingsStory.objectStatus;
import static nl.camiso.server.ingest.PendingMarkingsStory.post;
import static nl.camiso.server.ingest.PendingMarkingsStory.postPending;
import static nl.camiso.server.ingest.PendingMarkingsStory.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Old statuses are purged, over real HTTP on a real server and database: statuses are posted, the
 * server stops, a purge runs on its database with a clock a retention ahead of a moment between
 * them, and after a restart the old completed statuses answer 404 while the young one, the old one
 * still pending and the stored objects stay. The subclasses pick the database.
 */
abstract class StatusRetentionStory {

    private static final String GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    @TempDir
    Path dir;

    /** How to start a server on the test's database with this configuration file. */
    abstract ServerOptions options(Path config, Path dataDir);

    /** The same database, for opening it while the server is stopped. */
    abstract DatabaseSettings database(Path dataDir);

    CamisoServer start() throws Exception {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        String yaml = Files.readString(samples.resolve("camiso.yaml")).replaceAll("(?m)^\\s+load: .*$\\R", "");
        Path config = dir.resolve("camiso.yaml");
        Files.writeString(config, yaml);
        return CamisoServer.start(options(config, dir.resolve("data")));
    }

    @Test
    void oldCompletedStatusesArePurgedYoungAndPendingOnesStay() throws Exception {
        String stored = newId("indicator");
        String old1;
        String old2;
        String oldPending;
        String young;
        Instant between;
        try (CamisoServer server = start()) {
            old1 = completed(post(server, "ncsc-analyst", "ndn-green", indicator(stored, GREEN)));
            old2 = completed(post(server, "ncsc-analyst", "ndn-green", indicator(newId("indicator"), GREEN)));
            oldPending = postPending(server, "ncsc-analyst", "ndn-green",
                    indicator(newId("indicator"), newId("marking-definition"))).getString("id");
            Thread.sleep(20);
            between = Instant.now();
            Thread.sleep(20);
            young = completed(post(server, "ncsc-analyst", "ndn-green", indicator(newId("indicator"), GREEN)));
        }

        Duration retention = Duration.ofDays(7);
        Clock later = Clock.fixed(between.plus(retention), ZoneOffset.UTC);
        try (Database db = Database.open(database(dir.resolve("data")), HibernateAccountTables.ENTITY_CLASSES)) {
            long cutoffMicros = between.getEpochSecond() * 1_000_000L + between.getNano() / 1_000;
            assertEquals(1, db.statusPurge().purgeBatch(cutoffMicros, 1), "a batch deletes no more than its limit");
            assertEquals(1, new StatusRetention(db.statusPurge(), retention, later).purgeOnce());
            assertEquals(0, new StatusRetention(db.statusPurge(), retention, later).purgeOnce(), "purging again is harmless");
        }

        try (CamisoServer server = start()) {
            assertEquals(404, as(server, "ncsc-analyst").get("ndn/status/" + old1 + "/").statusCode());
            assertEquals(404, as(server, "ncsc-analyst").get("ndn/status/" + old2 + "/").statusCode());
            assertEquals("pending", status(server, "ncsc-analyst", oldPending).getString("status"));
            assertEquals("complete", status(server, "ncsc-analyst", young).getString("status"));
            assertEquals(200, objectStatus(server, "ncsc-analyst", "ndn-green", stored), "objects are never purged");
        }
    }

    private static String completed(JsonPath s) {
        assertEquals("complete", s.getString("status"), s.prettify());
        assertTrue(s.getInt("success_count") == 1, s.prettify());
        return s.getString("id");
    }
}
