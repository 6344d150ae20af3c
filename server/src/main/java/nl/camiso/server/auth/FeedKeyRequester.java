package nl.camiso.server.auth;

import nl.camiso.taxii.spi.Requester;

/**
 * A request authenticated with a feed key: its account's read rights, for feeds only. Deliberately
 * not an {@link AccountRequester}, so that whatever checks for an account refuses it; the
 * authorizer lets it read feeds as {@link #account()} and nothing else.
 *
 * @param keyId the key's public id (never the key)
 */
public record FeedKeyRequester(AccountRequester account, String keyId) implements Requester {

    @Override
    public String name() {
        return account.name();
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }
}
