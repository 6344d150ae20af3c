package nl.camiso.server.auth;

import nl.camiso.server.accounts.Account;
import nl.camiso.taxii.spi.Requester;

import java.util.Set;

/**
 * An authenticated requester: the account as read at the start of the request.
 *
 * @param byPassword       whether this request proved itself with the account's password (HTTP
 *                         Basic); false for a bearer token. Only a password may obtain a new token.
 * @param alsoPublishesFor STIX identities other than its organisation's that this request may name
 *                         as {@code created_by_ref}: set only by an endpoint that checked the right
 *                         itself (a release naming an originator that consented to it)
 */
public record AccountRequester(Account account, boolean byPassword, Set<String> alsoPublishesFor) implements Requester {

    public AccountRequester {
        alsoPublishesFor = Set.copyOf(alsoPublishesFor);
    }

    public AccountRequester(Account account, boolean byPassword) {
        this(account, byPassword, Set.of());
    }

    /** A requester that did not show the password (tests, internal callers). */
    public AccountRequester(Account account) {
        this(account, false);
    }

    /** The same requester, allowed in addition to name these identities as an object's creator. */
    public AccountRequester publishingFor(Set<String> identities) {
        return new AccountRequester(account, byPassword, identities);
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
