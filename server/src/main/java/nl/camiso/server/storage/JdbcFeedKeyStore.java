package nl.camiso.server.storage;

import nl.camiso.server.auth.FeedKeys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The feed keys of {@link FeedKeys.Store} in table {@code camiso_feed_key} (migration V13): only the
 * key's hash is stored. Each call is one transaction, durable before it returns; a revoked key is
 * gone for the next lookup (no cache).
 */
public final class JdbcFeedKeyStore implements FeedKeys.Store {

    private static final String COLUMNS = "key_id, account_name, account_id, token_generation, label, created_at";

    private final Database database;

    public JdbcFeedKeyStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(FeedKeys.StoredKey key, String keyHash) {
        database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement i = c.prepareStatement("INSERT INTO camiso_feed_key (" + COLUMNS
                    + ", key_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                i.setString(1, key.id());
                i.setString(2, key.accountName());
                i.setString(3, key.accountId());
                i.setLong(4, key.tokenGeneration());
                i.setString(5, key.label());
                i.setTimestamp(6, Timestamp.from(key.createdAt()));
                i.setString(7, keyHash);
                return i.executeUpdate();
            }
        }));
    }

    @Override
    public Optional<FeedKeys.StoredKey> findByHash(String keyHash) {
        List<FeedKeys.StoredKey> found = query("key_hash = ?", keyHash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<FeedKeys.StoredKey> list(String accountName) {
        return accountName == null ? query(null, null) : query("account_name = ?", accountName);
    }

    @Override
    public boolean revoke(String id) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM camiso_feed_key WHERE key_id = ?")) {
                d.setString(1, id);
                return d.executeUpdate() > 0;
            }
        }));
    }

    private List<FeedKeys.StoredKey> query(String where, String value) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM camiso_feed_key"
                    + (where == null ? "" : " WHERE " + where) + " ORDER BY account_name, created_at, key_id")) {
                if (where != null) {
                    q.setString(1, value);
                }
                try (ResultSet rs = q.executeQuery()) {
                    List<FeedKeys.StoredKey> keys = new ArrayList<>();
                    while (rs.next()) {
                        keys.add(read(rs));
                    }
                    return keys;
                }
            }
        }));
    }

    private static FeedKeys.StoredKey read(ResultSet rs) throws SQLException {
        return new FeedKeys.StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }
}
