package nl.camiso.conformance.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The speed limit for the benchmarks: the same rows as the server's object store writes, inserted with
 * plain JDBC batches into the same {@code stix_object} table (no duplicate check, no flag
 * maintenance, no status), and read back in keyset order with plain JDBC. The server should reach
 * at least a third of these rates.
 *
 * <p>Use a collection of its own: {@link #createCollection} makes its state row. The index keys
 * ({@code id_hash}) are consecutive numbers, the best case for the index: a lookup matches the id
 * itself too, so these keys need not follow the server's scheme.
 */
final class PlainJdbcBaseline {

    private static final String INSERT = "INSERT INTO stix_object (collection_key, date_added, object_id, object_type,"
            + " version_text, version_micros, spec_version, media_type, is_first, is_last, json_bytes, id_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PAGE = "SELECT date_added, object_id, object_type, version_text, spec_version, media_type,"
            + " json_bytes FROM stix_object WHERE collection_key = ? AND date_added > ? ORDER BY collection_key, date_added LIMIT ?";

    /** One row to insert. */
    public record Row(String objectId, String type, String version, long versionMicros, byte[] json) {
    }

    private PlainJdbcBaseline() {
    }

    /** Creates the state row of a new collection and returns its key. Commits. */
    public static int createCollection(Connection c, String collectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO collection_state (collection_id, last_date_added, spec_versions) VALUES (?, 0, '2.1')")) {
            ps.setString(1, collectionId);
            ps.executeUpdate();
        }
        int key;
        try (PreparedStatement ps = c.prepareStatement("SELECT collection_key FROM collection_state WHERE collection_id = ?")) {
            ps.setString(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                key = rs.getInt(1);
            }
        }
        c.commit();
        return key;
    }

    /**
     * Inserts rows as one batch in one transaction (committed), with consecutive {@code date_added}
     * values starting after {@code lastDateAdded}; every row is first and last of its object.
     *
     * @return the last date_added used
     */
    static long insertBatch(Connection c, int collectionKey, long lastDateAdded, List<Row> rows)
            throws SQLException {
        long dateAdded = lastDateAdded;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Row r : rows) {
                dateAdded++;
                ps.setInt(1, collectionKey);
                ps.setLong(2, dateAdded);
                ps.setString(3, r.objectId());
                ps.setString(4, r.type());
                ps.setString(5, r.version());
                ps.setLong(6, r.versionMicros());
                ps.setString(7, "2.1");
                ps.setString(8, "application/stix+json;version=2.1");
                ps.setBoolean(9, true);
                ps.setBoolean(10, true);
                ps.setBytes(11, r.json());
                ps.setLong(12, dateAdded);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        return dateAdded;
    }

    /**
     * Reads the whole collection in keyset order, {@code pageSize} rows a query, JSON included.
     *
     * @return the number of rows read
     */
    public static long readAll(Connection c, int collectionKey, int pageSize) throws SQLException {
        long after = Long.MIN_VALUE;
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(PAGE)) {
            while (true) {
                ps.setInt(1, collectionKey);
                ps.setLong(2, after);
                ps.setInt(3, pageSize);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        rs.getString(2);
                        rs.getString(3);
                        rs.getString(4);
                        rs.getString(5);
                        rs.getString(6);
                        rs.getBytes(7);
                        n++;
                    }
                }
                c.commit();
                total += n;
                if (n < pageSize) {
                    return total;
                }
            }
        }
    }

    /** A small valid STIX 2.1 indicator, about 400 bytes, as the benchmark posts them. */
    public static String indicatorJson(String id, String timestamp) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"" + timestamp
                + "\",\"modified\":\"" + timestamp + "\",\"name\":\"bench\",\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100." + (Math.abs(id.hashCode()) % 250) + "']\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"" + timestamp + "\"}";
    }

    /** A row for {@link #insertBatch} holding a fresh indicator. */
    public static Row indicatorRow(String timestamp, long versionMicros) {
        String id = "indicator--" + UUID.randomUUID();
        return new Row(id, "indicator", timestamp, versionMicros, indicatorJson(id, timestamp).getBytes(StandardCharsets.UTF_8));
    }
}
