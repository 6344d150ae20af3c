package nl.camiso.server.actions;

import nl.camiso.server.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Release consents (table {@code camiso_release_consent}, migration V5): an originating
 * organisation lets one intermediary release sanitised copies of its own objects from one
 * collection, optionally naming it as the source.
 */
public final class ConsentStore {

    /** A recorded consent. */
    public record Consent(String collectionId, String originator, String intermediary, boolean nameOriginator,
                          String givenBy, Instant givenAt) {
    }

    private final Database database;

    public ConsentStore(Database database) {
        this.database = database;
    }

    /** Records or replaces the consent. */
    public void give(Consent consent) {
        database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM camiso_release_consent WHERE collection_id = ? AND originator = ? AND intermediary = ?")) {
                d.setString(1, consent.collectionId());
                d.setString(2, consent.originator());
                d.setString(3, consent.intermediary());
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO camiso_release_consent "
                    + "(collection_id, originator, intermediary, name_originator, given_by, given_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                i.setString(1, consent.collectionId());
                i.setString(2, consent.originator());
                i.setString(3, consent.intermediary());
                i.setBoolean(4, consent.nameOriginator());
                i.setString(5, consent.givenBy());
                i.setTimestamp(6, Timestamp.from(consent.givenAt()));
                return i.executeUpdate();
            }
        }));
    }

    /**
     * @param intermediary null to withdraw the originator's consents for all intermediaries
     * @return the consents withdrawn
     */
    public int withdraw(String collectionId, String originator, String intermediary) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM camiso_release_consent WHERE collection_id = ? AND originator = ?"
                            + (intermediary == null ? "" : " AND intermediary = ?"))) {
                d.setString(1, collectionId);
                d.setString(2, originator);
                if (intermediary != null) {
                    d.setString(3, intermediary);
                }
                return d.executeUpdate();
            }
        }));
    }

    public Optional<Consent> find(String collectionId, String originator, String intermediary) {
        return database.inTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT name_originator, given_by, given_at "
                    + "FROM camiso_release_consent WHERE collection_id = ? AND originator = ? AND intermediary = ?")) {
                q.setString(1, collectionId);
                q.setString(2, originator);
                q.setString(3, intermediary);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Consent>empty();
                    }
                    return Optional.of(new Consent(collectionId, originator, intermediary, rs.getBoolean(1),
                            rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
        }));
    }
}
