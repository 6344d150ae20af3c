package nl.camiso.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The append-only, hash-chained audit log: builds each entry from the chain's end and checks the
 * chain, on an {@link AuditTrail} that stores it ({@code storage.JdbcAuditTrail}: table
 * {@code camiso_audit}, script {@code V4_0__audit.sql}). Appends are serialised through the
 * trail's head, so several server instances on one database still build one gapless chain. The
 * head also records the last sequence number and hash, so removing entries from the end is
 * detected too.
 */
public final class DbAuditLog implements AuditSink {

    static final int MAX_NAME = 200;
    static final int MAX_SHORT = 100;
    static final int MAX_ID = 300;
    static final int MAX_DETAIL = 4000;

    private final AuditTrail trail;

    public DbAuditLog(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    /** Appends one entry and returns it as stored. */
    public AuditEntry append(AuditEvent e) {
        long micros = micros(e.at());
        List<String> ids = e.objectIds().stream().map(id -> AuditChain.safe(id, MAX_ID)).toList();
        return trail.append(head -> {
            AuditEntry entry = new AuditEntry(head.seq() + 1, micros,
                    AuditChain.safe(e.action(), 40),
                    AuditChain.safe(e.actor(), MAX_NAME),
                    AuditChain.safe(e.organisation(), MAX_SHORT),
                    AuditChain.safe(e.remoteAddress(), MAX_SHORT),
                    AuditChain.safe(e.apiRoot(), MAX_SHORT),
                    AuditChain.safe(e.collection(), MAX_SHORT),
                    ids,
                    AuditChain.safe(e.outcome(), 20),
                    AuditChain.safe(e.detail(), MAX_DETAIL),
                    head.hash(), null);
            return withHash(entry, AuditChain.hash(entry));
        });
    }

    /** Epoch microseconds (ChronoUnit.MICROS.between overflows after the year 2262: it goes through nanoseconds). */
    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.seq(), e.atMicros(), e.action(), e.actor(), e.organisation(), e.remoteAddress(),
                e.apiRoot(), e.collection(), e.objectIds(), e.outcome(), e.detail(), e.prevHash(), hash);
    }

    /**
     * A query of the log, oldest first.
     *
     * @param afterSeq     keyset cursor: only entries with a greater sequence number (0 = from the start)
     * @param fromMicros   inclusive lower bound of the time, or null
     * @param toMicros     exclusive upper bound of the time, or null
     * @param organisation the actor's organisation, or null for all
     * @param action       the action, or null for all
     */
    public record Query(long afterSeq, Long fromMicros, Long toMicros, String organisation, String action, int limit) {
    }

    /** One page of entries; {@code more} when further entries match after the last one. */
    public record Page(List<AuditEntry> entries, boolean more) {
    }

    public Page find(Query q) {
        List<AuditEntry> out = trail.read(r -> r.find(new Query(q.afterSeq(), q.fromMicros(), q.toMicros(),
                q.organisation(), q.action(), q.limit() + 1)));
        boolean more = out.size() > q.limit();
        return new Page(more ? out.subList(0, q.limit()) : out, more);
    }

    /**
     * The result of walking the chain.
     *
     * @param entries     how many entries were checked and found good
     * @param firstBadSeq the first sequence number where the chain breaks, or 0 when it is intact
     * @param reason      why it breaks, or null
     * @param headHash    the hash of the last good entry (worth writing down elsewhere: anchors the chain)
     */
    public record Verification(long entries, long firstBadSeq, String reason, String headHash) {
        public boolean ok() {
            return firstBadSeq == 0;
        }
    }

    /** Walks the whole chain in sequence order and stops at the first entry that does not fit. */
    public Verification verify() {
        return trail.read(r -> {
            long expected = 1;
            String prev = AuditChain.GENESIS;
            while (true) {
                List<AuditEntry> batch = r.find(new Query(expected - 1, null, null, null, null, 1000));
                for (AuditEntry e : batch) {
                    if (e.seq() != expected) {
                        return broken(expected, expected == e.seq() - 1
                                ? "entry " + expected + " is missing (removed?); the next one is " + e.seq()
                                : "entries " + expected + " to " + (e.seq() - 1) + " are missing (removed?)", prev);
                    }
                    if (!e.prevHash().equals(prev)) {
                        return broken(expected, "its previous-hash does not match the hash of entry " + (expected - 1)
                                + " (an entry was removed, reordered or rewritten)", prev);
                    }
                    if (!e.computeHash().equals(e.entryHash())) {
                        return broken(expected, "its content does not match its hash (altered or reordered)", prev);
                    }
                    prev = e.entryHash();
                    expected++;
                }
                if (batch.size() < 1000) {
                    break;
                }
            }
            long last = expected - 1;
            Optional<AuditTrail.Head> head = r.head();
            if (head.isEmpty()) {
                return broken(expected, "the chain head row is missing", prev);
            }
            long headSeq = head.get().seq();
            if (headSeq > last) {
                return broken(expected, "the chain head says the last entry is " + headSeq
                        + " but the log ends at " + last + " (entries removed from the end?)", prev);
            }
            if (headSeq < last || !head.get().hash().equals(prev)) {
                return broken(headSeq + 1, "the chain head (entry " + headSeq
                        + ") does not match the last entry " + last, prev);
            }
            return new Verification(last, 0, null, prev);
        });
    }

    private static Verification broken(long seq, String why, String prev) {
        return new Verification(seq - 1, seq, "entry " + seq + ": " + why, prev);
    }
}
