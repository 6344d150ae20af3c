package nl.camiso.server.storage;

import nl.camiso.server.actions.ConsentStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * The release consents of {@link ConsentStore} in table {@code camiso_release_consent}
 * (migration V5); each call is one transaction.
 */
public final class JdbcConsentStore implements ConsentStore {

    private final Database database;

    public JdbcConsentStore(Database database) {
        this.database = database;
    }

    @Override
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

    @Override
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

    @Override
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
