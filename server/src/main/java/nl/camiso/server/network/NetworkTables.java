package nl.camiso.server.network;

import nl.camiso.server.identity.Grant;
import nl.camiso.stix.marking.Tlp;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rows of the network (schema {@code db/migration/V3_0__network.sql} and
 * {@code V16_0__organisation_allow_list.sql}), kept by
 * {@code storage.JdbcNetworkTables}. {@link NetworkStore} decides what may change; these only
 * read and write, inside the transaction {@link #inTransaction} gives them.
 */
public interface NetworkTables {

    /**
     * Runs {@code work} in one transaction: committed (and durable) when it returns, rolled back
     * when it throws. A database failure is reported as an {@link IllegalStateException}.
     */
    <T> T inTransaction(Function<Rows, T> work);

    /** A row of {@code camiso_initiative}. */
    record InitiativeRow(String name, String title, String organisation) {
    }

    /** A row of {@code camiso_initiative_member}. */
    record Membership(String initiative, String organisation, Tlp clearance) {
    }

    /** A row of {@code camiso_red_account}: an account named on a TLP:RED collection. */
    record RedAccount(String collectionId, String account) {
    }

    /** A row of {@code camiso_organisation_allow}: one of an organisation's own networks or domains (canonical form). */
    record OwnEntry(String organisation, String entry) {
    }

    /** The reads and writes of one transaction. Lists come in name order. */
    interface Rows {

        /** The change counter ({@code camiso_network_version}); 0 when its row is missing. */
        long version();

        /** Moves the change counter on, so that every server instance on the database re-reads the network. */
        void bump();

        List<Organisation> organisations();

        List<InitiativeRow> initiatives();

        /** Ordered by initiative, then organisation. */
        List<Membership> memberships();

        /** Ordered by collection, then account. */
        List<RedAccount> redAccounts();

        /** Every account's organisation (null: none), by account name. */
        Map<String, String> accountOrganisations();

        /** The grants that let accounts read, by account name; each account's by API root, then collection. */
        Map<String, List<Grant>> readGrants();

        /** Whether the configuration entry with this key was seeded before ({@code camiso_seed}). */
        boolean seeded(String key);

        void markSeeded(String key);

        boolean organisationExists(String name);

        boolean initiativeExists(String name);

        boolean accountExists(String name);

        void insertOrganisation(Organisation organisation);

        void updateOrganisation(Organisation organisation);

        /** Removes the organisation and its memberships. */
        void deleteOrganisation(String name);

        List<String> initiativesRunBy(String organisation);

        List<String> accountsOf(String organisation);

        void insertInitiative(String name, String title, String organisation);

        void updateInitiative(String name, String title, String organisation);

        /** Removes the initiative and its memberships. */
        void deleteInitiative(String name);

        void removeMembers(String initiative);

        /** @return true when added, false when the clearance of an existing member was changed */
        boolean putMember(String initiative, String organisation, Tlp clearance);

        /** @return false when the organisation was no member */
        boolean removeMember(String initiative, String organisation);

        boolean isRedAccount(String collectionId, String account);

        void addRedAccount(String collectionId, String account);

        /** @return false when the account was not named */
        boolean removeRedAccount(String collectionId, String account);

        void clearRedAccounts(String collectionId);

        /** Every organisation's own networks and domains, ordered by organisation, then entry. */
        List<OwnEntry> ownEntries();

        /** @return false when the organisation had the entry already */
        boolean addOwnEntry(String organisation, String entry);

        /** @return false when the organisation had no such entry */
        boolean removeOwnEntry(String organisation, String entry);
    }
}
