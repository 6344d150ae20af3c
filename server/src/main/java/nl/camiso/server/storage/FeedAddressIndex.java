package nl.camiso.server.storage;

import nl.camiso.server.feeds.FeedAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The addresses of each indicator's latest version in a collection (table {@code feed_address},
 * migration V18; what a version gives is {@link FeedAddresses#of}), for the {@code ip} feed.
 *
 * <p>The object store calls {@link #replace} inside its add and delete transactions, after it
 * locked the collection, whenever an indicator's latest version changes: the rows of the previous
 * latest, found again from its JSON and date_added, go; those of the new one come. The table thus
 * needs no index but the one it is read in.
 */
final class FeedAddressIndex implements FeedAddresses.Store {

    private static final Logger LOG = LoggerFactory.getLogger(FeedAddressIndex.class);
    static final int PAGE = 1000;

    private static final String INSERT = "INSERT INTO feed_address (collection_key, first_address, last_address,"
            + " date_added, object_id, valid_from, valid_until, confidence, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM feed_address WHERE collection_key = ? AND first_address = ?"
            + " AND last_address = ? AND date_added = ?";
    // the whole key in the order: PostgreSQL and H2 then walk the primary key from the cursor and stop after a page
    private static final String PAGE_QUERY = "SELECT first_address, last_address, date_added, object_id, valid_from,"
            + " valid_until, confidence, modified FROM feed_address WHERE collection_key = ?"
            + " AND (first_address, last_address, date_added) > (?, ?, ?)"
            + " ORDER BY collection_key, first_address, last_address, date_added LIMIT " + PAGE;

    private final Database db;

    FeedAddressIndex(Database db) {
        this.db = db;
    }

    /** The rows of one stored version ({@link FeedAddresses#of}), keyed by its date_added. */
    record Version(long dateAdded, List<FeedAddresses.Row> rows) {
    }

    /**
     * Replaces the rows of indicators whose latest version changed: {@code gone} are the versions
     * that were latest ({@link #stored}), {@code come} those that are latest now.
     */
    static void replace(Connection c, int key, List<Version> gone, List<Version> come) throws SQLException {
        if (gone.stream().anyMatch(v -> !v.rows().isEmpty())) {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                for (Version v : gone) {
                    for (FeedAddresses.Row r : v.rows()) {
                        ps.setInt(1, key);
                        ps.setString(2, r.firstAddress());
                        ps.setString(3, r.lastAddress());
                        ps.setLong(4, v.dateAdded());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        insert(c, key, come);
    }

    /** The rows of stored versions of the collection (any type: only indicators give rows), by their date_added. */
    static List<Version> stored(Connection c, int key, List<Long> datesAdded) throws SQLException {
        List<Version> out = new ArrayList<>(datesAdded.size());
        if (datesAdded.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT json_bytes FROM stix_object WHERE collection_key = ? AND date_added = ?")) {
            for (long dateAdded : datesAdded) {
                ps.setInt(1, key);
                ps.setLong(2, dateAdded);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(new Version(dateAdded, FeedAddresses.of(rs.getBytes(1))));
                    }
                }
            }
        }
        return out;
    }

    private static void insert(Connection c, int key, List<Version> versions) throws SQLException {
        if (versions.stream().allMatch(v -> v.rows().isEmpty())) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Version v : versions) {
                for (FeedAddresses.Row r : v.rows()) {
                    ps.setInt(1, key);
                    ps.setString(2, r.firstAddress());
                    ps.setString(3, r.lastAddress());
                    ps.setLong(4, v.dateAdded());
                    ps.setString(5, r.objectId());
                    setLong(ps, 6, r.validFrom());
                    setLong(ps, 7, r.validUntil());
                    if (r.confidence() == null) {
                        ps.setNull(8, Types.INTEGER);
                    } else {
                        ps.setInt(8, r.confidence());
                    }
                    ps.setLong(9, r.modified());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** A position in a collection's rows: after the row with this key. */
    private record Cursor(String first, String last, long dateAdded) {
    }

    @Override
    public void read(String collectionId, Consumer<FeedAddresses.Row> each) {
        Integer key = db.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT collection_key FROM collection_state WHERE collection_id = ?")) {
                ps.setString(1, collectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        }));
        if (key == null) {
            return;
        }
        // '' sorts before every address: the first page starts at the beginning
        Cursor cursor = new Cursor("", "", Long.MIN_VALUE);
        while (true) {
            Cursor from = cursor;
            List<FeedAddresses.Row> page = new ArrayList<>(PAGE);
            cursor = db.inTransaction(s -> s.doReturningWork(c -> page(c, key, from, page)));
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Reads the page after {@code after} into {@code rows}; returns the position after it. */
    private static Cursor page(Connection c, int key, Cursor after, List<FeedAddresses.Row> rows) throws SQLException {
        Cursor last = after;
        try (PreparedStatement ps = c.prepareStatement(PAGE_QUERY)) {
            ps.setInt(1, key);
            ps.setString(2, after.first());
            ps.setString(3, after.last());
            ps.setLong(4, after.dateAdded());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String first = rs.getString(1);
                    String lastAddress = rs.getString(2);
                    last = new Cursor(first, lastAddress, rs.getLong(3));
                    long from = rs.getLong(5);
                    Long validFrom = rs.wasNull() ? null : from;
                    long until = rs.getLong(6);
                    Long validUntil = rs.wasNull() ? null : until;
                    int confidence = rs.getInt(7);
                    Integer conf = rs.wasNull() ? null : confidence;
                    rows.add(new FeedAddresses.Row(first, lastAddress, rs.getString(4), validFrom, validUntil, conf,
                            rs.getLong(8)));
                }
            }
        }
        return last;
    }

    /**
     * Fills the table once from the latest indicator versions already stored, for a database
     * written before it existed (the object store keeps it from then on); marked done in
     * {@code camiso_seed} (with plain JDBC: tools open the database without the seed entity). Each collection in a transaction of its own that holds the collection's
     * writer lock, first clearing what a fill cut short left.
     */
    void fillOnce() {
        if (isFilled()) {
            return;
        }
        long t0 = System.nanoTime();
        List<Integer> keys = db.inTransaction(s -> s.doReturningWork(c -> {
            List<Integer> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT collection_key FROM collection_state ORDER BY collection_key");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getInt(1));
                }
            }
            return all;
        }));
        long[] rows = {0};
        for (int key : keys) {
            rows[0] += db.inTransaction(s -> s.doReturningWork(c -> fill(c, key)));
        }
        try {
            db.inTransaction(s -> s.doReturningWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO camiso_seed (seed_key, done_at) VALUES (?, CURRENT_TIMESTAMP)")) {
                    ps.setString(1, FeedAddresses.FILLED_MARK);
                    return ps.executeUpdate();
                }
            }));
        } catch (RuntimeException e) {
            if (!isFilled()) { // else another server on the database filled it at the same time
                throw e;
            }
        }
        LOG.info("Feed address index filled from the stored indicators: {} rows of {} collections in {} ms", rows[0],
                keys.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private boolean isFilled() {
        return db.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM camiso_seed WHERE seed_key = ?")) {
                ps.setString(1, FeedAddresses.FILLED_MARK);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }));
    }

    private static long fill(Connection c, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM collection_state WHERE collection_key = ? FOR UPDATE")) {
            ps.setInt(1, key);
            ps.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM feed_address WHERE collection_key = ?")) {
            ps.setInt(1, key);
            ps.executeUpdate();
        }
        long count = 0;
        long cursor = Long.MIN_VALUE;
        while (true) {
            List<Version> versions = new ArrayList<>();
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT date_added, json_bytes FROM stix_object"
                    + " WHERE collection_key = ? AND object_type = 'indicator' AND date_added > ? AND is_last = TRUE"
                    + " ORDER BY collection_key, object_type, date_added LIMIT " + PAGE)) {
                ps.setInt(1, key);
                ps.setLong(2, cursor);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        cursor = rs.getLong(1);
                        List<FeedAddresses.Row> rows = FeedAddresses.of(rs.getBytes(2));
                        versions.add(new Version(cursor, rows));
                        count += rows.size();
                    }
                }
            }
            insert(c, key, versions);
            if (read < PAGE) {
                return count;
            }
        }
    }
}
