package nl.camiso.server.auth;

import nl.camiso.server.accounts.Account;
import nl.camiso.taxii.spi.Requester;

/**
 * An authenticated requester: the account as read at the start of the request.
 *
 * @param byPassword whether this request proved itself with the account's password (HTTP Basic);
 *                   false for a bearer token. Only a password may obtain a new token.
 */
public record AccountRequester(Account account, boolean byPassword) implements Requester {

    /** A requester that did not show the password (tests, internal callers). */
    public AccountRequester(Account account) {
        this(account, false);
    }

    @Override
    public String name() {
        return account.name();
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }
}
