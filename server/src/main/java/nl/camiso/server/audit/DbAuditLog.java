package nl.camiso.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only, hash-chained audit log in table {@code camiso_audit} (script
 * {@code V4_0__audit.sql}).
 *
 * <p>Appends are serialised through the single row of {@code camiso_audit_head}, locked with
 * {@code SELECT ... FOR UPDATE}: whichever process or thread holds it takes the next sequence
 * number and chains to the previous hash, so several server instances on one database still
 * build one gapless chain. An append is one short transaction (one lock, one insert, one update).
 * The head also records the last sequence number and hash, so removing entries from the end
 * is detected too.
 */
public final class DbAuditLog implements AuditSink {

    static final int MAX_NAME = 200;
    static final int MAX_SHORT = 100;
    static final int MAX_ID = 300;
    static final int MAX_DETAIL = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "seq, at_micros, action, actor, organisation, remote_address, api_root, "
            + "collection_id, object_ids, outcome, detail, prev_hash, entry_hash";

    private final SqlTransactions tx;

    public DbAuditLog(SqlTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    /** Appends one entry and returns it as stored. */
    public AuditEntry append(AuditEvent e) {
        long micros = micros(e.at());
        List<String> ids = e.objectIds().stream().map(id -> AuditChain.safe(id, MAX_ID)).toList();
        return tx.inTransaction(c -> {
            long lastSeq;
            String lastHash;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_seq, last_hash FROM camiso_audit_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the audit chain head row is missing (table camiso_audit_head)");
                }
                lastSeq = rs.getLong(1);
                lastHash = rs.getString(2);
            }
            AuditEntry entry = new AuditEntry(lastSeq + 1, micros,
                    AuditChain.safe(e.action(), 40),
                    AuditChain.safe(e.actor(), MAX_NAME),
                    AuditChain.safe(e.organisation(), MAX_SHORT),
                    AuditChain.safe(e.remoteAddress(), MAX_SHORT),
                    AuditChain.safe(e.apiRoot(), MAX_SHORT),
                    AuditChain.safe(e.collection(), MAX_SHORT),
                    ids,
                    AuditChain.safe(e.outcome(), 20),
                    AuditChain.safe(e.detail(), MAX_DETAIL),
                    lastHash, null);
            entry = withHash(entry, AuditChain.hash(entry));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO camiso_audit (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, entry.seq());
                ps.setLong(2, entry.atMicros());
                ps.setString(3, entry.action());
                ps.setString(4, entry.actor());
                setNullable(ps, 5, entry.organisation());
                setNullable(ps, 6, entry.remoteAddress());
                setNullable(ps, 7, entry.apiRoot());
                setNullable(ps, 8, entry.collection());
                ps.setString(9, toJson(entry.objectIds()));
                ps.setString(10, entry.outcome());
                setNullable(ps, 11, entry.detail());
                ps.setString(12, entry.prevHash());
                ps.setString(13, entry.entryHash());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE camiso_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                ps.setLong(1, entry.seq());
                ps.setString(2, entry.entryHash());
                ps.executeUpdate();
            }
            return entry;
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
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM camiso_audit WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        if (q.fromMicros() != null) {
            sql.append(" AND at_micros >= ?");
            args.add(q.fromMicros());
        }
        if (q.toMicros() != null) {
            sql.append(" AND at_micros < ?");
            args.add(q.toMicros());
        }
        if (q.organisation() != null) {
            sql.append(" AND organisation = ?");
            args.add(q.organisation());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(q.limit() + 1);
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<AuditEntry> out = read(ps);
                boolean more = out.size() > q.limit();
                return new Page(more ? out.subList(0, q.limit()) : out, more);
            }
        });
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
        return tx.inTransaction(c -> {
            long expected = 1;
            String prev = AuditChain.GENESIS;
            while (true) {
                List<AuditEntry> batch;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM camiso_audit WHERE seq >= ? ORDER BY seq LIMIT 1000")) {
                    ps.setLong(1, expected);
                    batch = read(ps);
                }
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
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_seq, last_hash FROM camiso_audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return broken(expected, "the chain head row is missing", prev);
                }
                long headSeq = rs.getLong(1);
                if (headSeq > last) {
                    return broken(expected, "the chain head says the last entry is " + headSeq
                            + " but the log ends at " + last + " (entries removed from the end?)", prev);
                }
                if (headSeq < last || !rs.getString(2).equals(prev)) {
                    return broken(headSeq + 1, "the chain head (entry " + headSeq
                            + ") does not match the last entry " + last, prev);
                }
            }
            return new Verification(last, 0, null, prev);
        });
    }

    private static Verification broken(long seq, String why, String prev) {
        return new Verification(seq - 1, seq, "entry " + seq + ": " + why, prev);
    }

    private static List<AuditEntry> read(PreparedStatement ps) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        fromJson(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13)));
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static String toJson(List<String> ids) {
        try {
            return JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mangled list reads as one pseudo-id so the hash check reports it rather than failing here. */
    private static List<String> fromJson(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of("(unreadable object id list)");
        }
    }
}
