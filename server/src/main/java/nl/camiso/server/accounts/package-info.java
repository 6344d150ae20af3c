/**
 * Accounts, passwords and grants ({@link nl.camiso.server.accounts.AccountStore}) over the
 * {@link nl.camiso.server.accounts.AccountTables} repository.
 */
package nl.camiso.server.accounts;
