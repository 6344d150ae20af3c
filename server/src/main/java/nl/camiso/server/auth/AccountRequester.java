package nl.camiso.server.auth;

import nl.camiso.server.accounts.Account;
import nl.camiso.taxii.spi.Requester;

/** An authenticated requester: the account as read at the start of the request. */
public record AccountRequester(Account account) implements Requester {

    @Override
    public String name() {
        return account.name();
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }
}
