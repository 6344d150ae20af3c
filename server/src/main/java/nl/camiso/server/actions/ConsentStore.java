package nl.camiso.server.actions;

import java.time.Instant;
import java.util.Optional;

/**
 * Release consents: an originating organisation lets one intermediary release sanitised copies of
 * its own objects from one collection, optionally naming it as the source. Kept in the database
 * by {@code storage.JdbcConsentStore}.
 */
public interface ConsentStore {

    /** A recorded consent. */
    record Consent(String collectionId, String originator, String intermediary, boolean nameOriginator,
                   String givenBy, Instant givenAt) {
    }

    /** Records or replaces the consent (one per collection, originator and intermediary). */
    void give(Consent consent);

    /**
     * @param intermediary null to withdraw the originator's consents for all intermediaries
     * @return the consents withdrawn
     */
    int withdraw(String collectionId, String originator, String intermediary);

    Optional<Consent> find(String collectionId, String originator, String intermediary);
}
