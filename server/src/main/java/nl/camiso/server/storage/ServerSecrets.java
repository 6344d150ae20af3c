package nl.camiso.server.storage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;

/**
 * Random secrets kept in the database (table {@code camiso_secret}), so that every server on one
 * database uses the same one and it outlives restarts: the first server to ask creates it.
 */
public final class ServerSecrets {

    /** Authenticates TAXII {@code next} tokens. */
    public static final String CURSOR_KEY = "taxii-cursor-key";
    private static final int BYTES = 32;

    private ServerSecrets() {
    }

    /**
     * The secret of this name, created (256 random bits) if there is none yet; a new one is on stable
     * storage before it is returned, so nothing signed with it outlives it.
     */
    public static byte[] loadOrCreate(Database database, String name) {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            byte[] existing = read(c, name);
            if (existing != null) {
                c.commit();
                return existing;
            }
            byte[] secret = new byte[BYTES];
            new SecureRandom().nextBytes(secret);
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO camiso_secret (name, secret, created_at) VALUES (?, ?, ?)")) {
                st.setString(1, name);
                st.setString(2, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                st.setTimestamp(3, Timestamp.from(Instant.now()));
                st.executeUpdate();
                c.commit();
                database.awaitDurable();
                return secret;
            } catch (SQLException e) {
                c.rollback();
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                // another server created it at the same moment: use theirs
                byte[] theirs = read(c, name);
                c.commit();
                if (theirs == null) {
                    throw e;
                }
                return theirs;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read or create the server secret " + name, e);
        }
    }

    private static byte[] read(Connection c, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT secret FROM camiso_secret WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Base64.getUrlDecoder().decode(rs.getString(1)) : null;
            }
        }
    }
}
