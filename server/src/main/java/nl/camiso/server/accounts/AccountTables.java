package nl.camiso.server.accounts;

import nl.camiso.server.identity.Account;
import nl.camiso.server.identity.Grant;
import nl.camiso.server.identity.Role;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The account and grant rows (schema {@code db/migration/V2_0__accounts.sql},
 * {@code V10_0__account_token_binding.sql}), kept by {@code storage.HibernateAccountTables}.
 * {@link AccountStore} decides what may change; these only read and write, inside the
 * transaction {@link #inTransaction} gives them.
 */
public interface AccountTables {

    /** Runs {@code work} in one transaction: committed (and durable) when it returns, rolled back when it throws. */
    <T> T inTransaction(Function<Rows, T> work);

    /**
     * The reads and writes of one transaction. The methods that change an account expect it to
     * exist (check with {@link #exists} first).
     */
    interface Rows {

        /** The account with its grants. */
        Optional<Account> find(String name);

        /** Every account with its grants, by name. */
        List<Account> all();

        boolean exists(String name);

        /** Whether the sharing network has this organisation (an account may only belong to one that exists). */
        boolean organisationExists(String name);

        /** Names of the accounts whose password is the demo password, in order. */
        List<String> withDemoPassword();

        /** A new account with a new random id and no grants. */
        void insert(String name, String passwordHash, boolean demoPassword, String organisation, Set<Role> roles);

        /** New credentials: every bearer token issued for the account before stops working. */
        void setPassword(String name, String passwordHash, boolean demoPassword);

        void setOrganisation(String name, String organisation);

        void setRoles(String name, Set<Role> roles);

        /** Records that the account changed now (its grants, which have no time of their own). */
        void touch(String name);

        /** Adds rights to the account's grant on the collection, creating the grant if needed. */
        void addRights(String name, String apiRoot, String collection, boolean read, boolean write);

        /**
         * Removes rights from the account's grant on the collection; the grant goes when it has none left.
         *
         * @return false when there was no such grant
         */
        boolean removeRights(String name, String apiRoot, String collection, boolean read, boolean write);

        /** Deletes the account and its grants. @return false when there was no such account */
        boolean delete(String name);

        /** Whether the configuration entry with this key was seeded before ({@code camiso_seed}). */
        boolean seeded(String key);

        void markSeeded(String key);

        /**
         * Moves the network's change counter: accounts' organisations and read grants are part of
         * the network snapshot, so every server instance then re-reads the network.
         */
        void networkChanged();
    }
}
