package nl.camiso.server.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hash chain on H2 and (when reachable) PostgreSQL: append, read back, verify, tampering, concurrency. */
class DbAuditLogTest {

    private AuditTestDb db;

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private DbAuditLog fresh(String kind, int entries) throws Exception {
        db = AuditTestDb.create(kind);
        DbAuditLog log = db.log();
        for (int i = 1; i <= entries; i++) {
            log.append(AuditEvent.builder(i % 2 == 0 ? AuditEvent.WRITE : AuditEvent.DELETE)
                    .at(Instant.parse("2024-06-01T10:00:00Z").plusMillis(i))
                    .actor("analyst-" + i, i % 3 == 0 ? null : "org" + (i % 3))
                    .apiRoot("ndn").collection("c-" + i).objectIds(List.of("indicator--" + i, "malware--" + i))
                    .detail("entry " + i).build());
        }
        return log;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void appendsChainAndReadBackExactly(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 0);
        Instant at = Instant.parse("2024-06-01T10:00:00.123456Z");
        AuditEntry first = log.append(AuditEvent.builder(AuditEvent.WRITE).at(at).actor("ncsc-analyst", "ncsc")
                .remoteAddress("10.0.0.1").apiRoot("ndn").collection("col-1")
                .objectIds(List.of("indicator--1", "relationship--2")).outcome(AuditEvent.PARTIAL)
                // control characters, a lone surrogate, non-ASCII: stored safely, hash still holds
                .detail("ümlaut \u0000 nul\nline \ud800 end 🦊").build());
        AuditEntry second = log.append(new AuditEvent(at, AuditEvent.LOGIN_FAILED, "mallory", null, "bad password"));
        assertEquals(1, first.seq());
        assertEquals(AuditChain.GENESIS, first.prevHash());
        assertEquals(first.entryHash(), second.prevHash());
        assertEquals(AuditEvent.DENIED, second.outcome());
        assertEquals("ümlaut ? nul?line ? end 🦊", first.detail());

        List<AuditEntry> read = log.find(new DbAuditLog.Query(0, null, null, null, null, 10)).entries();
        assertEquals(List.of(first, second), read, "stored exactly as hashed");
        assertEquals(1717236000123456L, read.get(0).atMicros());
        DbAuditLog.Verification v = log.verify();
        assertTrue(v.ok(), v.reason());
        assertEquals(2, v.entries());
        assertEquals(second.entryHash(), v.headHash());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void emptyLogVerifies(String kind) throws Exception {
        DbAuditLog.Verification v = fresh(kind, 0).verify();
        assertTrue(v.ok());
        assertEquals(0, v.entries());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void alteredFieldIsFoundAtItsEntry(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 6);
        assertEquals(1, db.sql("UPDATE camiso_audit SET actor = 'someone-else' WHERE seq = 4"));
        assertBroken(log, 4, "does not match its hash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void alteredObjectListOrTimeIsFound(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 6);
        db.sql("UPDATE camiso_audit SET object_ids = '[\"indicator--2\"]' WHERE seq = 2");
        assertBroken(log, 2, "does not match its hash");
        db.close();
        log = fresh(kind, 6);
        db.sql("UPDATE camiso_audit SET at_micros = at_micros + 1 WHERE seq = 5");
        assertBroken(log, 5, "does not match its hash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void rewrittenEntryWithRecomputedHashBreaksTheNextLink(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 6);
        AuditEntry e3 = log.find(new DbAuditLog.Query(2, null, null, null, null, 1)).entries().get(0);
        AuditEntry forged = new AuditEntry(e3.seq(), e3.atMicros(), e3.action(), "innocent", e3.organisation(),
                e3.remoteAddress(), e3.apiRoot(), e3.collection(), e3.objectIds(), e3.outcome(), e3.detail(),
                e3.prevHash(), null);
        db.sql("UPDATE camiso_audit SET actor = 'innocent', entry_hash = '" + AuditChain.hash(forged) + "' WHERE seq = 3");
        assertBroken(log, 4, "previous-hash does not match the hash of entry 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void removedEntryIsFound(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 6);
        assertEquals(1, db.sql("DELETE FROM camiso_audit WHERE seq = 3"));
        assertBroken(log, 3, "entry 3 is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void removedLastEntriesAreFoundThroughTheHead(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 6);
        assertEquals(2, db.sql("DELETE FROM camiso_audit WHERE seq >= 5"));
        assertBroken(log, 5, "chain head says the last entry is 6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void swappedEntriesAreFoundAtTheFirstOfThem(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 6);
        db.sql("UPDATE camiso_audit SET seq = -2 WHERE seq = 2");
        db.sql("UPDATE camiso_audit SET seq = 2 WHERE seq = 5");
        db.sql("UPDATE camiso_audit SET seq = 5 WHERE seq = -2");
        DbAuditLog.Verification v = log.verify();
        assertFalse(v.ok());
        assertEquals(2, v.firstBadSeq(), v.reason());
        assertEquals(1, v.entries());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void appendedEntryOutsideTheChainIsFound(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 3);
        db.sql("INSERT INTO camiso_audit (seq, at_micros, action, actor, object_ids, outcome, prev_hash, entry_hash) "
                + "SELECT 4, at_micros, action, actor, object_ids, outcome, entry_hash, entry_hash FROM camiso_audit WHERE seq = 3");
        assertBroken(log, 4, "");
    }

    private static void assertBroken(DbAuditLog log, long seq, String why) {
        DbAuditLog.Verification v = log.verify();
        assertFalse(v.ok(), "tampering not detected");
        assertEquals(seq, v.firstBadSeq(), v.reason());
        assertTrue(v.reason().contains(why), v.reason());
        assertEquals(seq - 1, v.entries());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void findFiltersAndPagesBySequence(String kind) throws Exception {
        DbAuditLog log = fresh(kind, 9);
        DbAuditLog.Page p1 = log.find(new DbAuditLog.Query(0, null, null, "org1", null, 2));
        assertEquals(List.of(1L, 4L), p1.entries().stream().map(AuditEntry::seq).toList());
        assertTrue(p1.more());
        DbAuditLog.Page p2 = log.find(new DbAuditLog.Query(4, null, null, "org1", null, 2));
        assertEquals(List.of(7L), p2.entries().stream().map(AuditEntry::seq).toList());
        assertFalse(p2.more());
        long from = Instant.parse("2024-06-01T10:00:00.003Z").toEpochMilli() * 1000;
        long to = Instant.parse("2024-06-01T10:00:00.006Z").toEpochMilli() * 1000;
        assertEquals(List.of(3L, 4L, 5L), log.find(new DbAuditLog.Query(0, from, to, null, null, 100))
                .entries().stream().map(AuditEntry::seq).toList());
        assertEquals(List.of(4L), log.find(new DbAuditLog.Query(0, from, to, null, AuditEvent.WRITE, 100))
                .entries().stream().map(AuditEntry::seq).toList());
    }

    /** Two "server processes" (own pools) with four threads each, appending at once: one gapless valid chain. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentAppendsFromSeveralProcessesKeepOneValidChain(String kind) throws Exception {
        fresh(kind, 0);
        List<DbAuditLog> servers = List.of(db.log(), db.log());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                DbAuditLog log = servers.get(t % 2);
                int thread = t;
                jobs.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        log.record(AuditEvent.builder(AuditEvent.WRITE).actor("t" + thread, null).detail("#" + i).build());
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        DbAuditLog.Verification v = servers.get(0).verify();
        assertTrue(v.ok(), v.reason());
        assertEquals(200, v.entries());
        List<AuditEntry> all = servers.get(1).find(new DbAuditLog.Query(0, null, null, null, null, 1000)).entries();
        assertEquals(200, all.size());
        assertEquals(200, all.stream().map(AuditEntry::entryHash).distinct().count());
        assertNotEquals(all.get(0).entryHash(), all.get(1).entryHash());
    }
}
