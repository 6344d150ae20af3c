package nl.camiso.server.auth;

import nl.camiso.taxii.spi.Requester;

/** A request without credentials, where anonymous access is allowed (public collections, later). */
public final class AnonymousRequester implements Requester {

    public static final AnonymousRequester INSTANCE = new AnonymousRequester();

    private AnonymousRequester() {
    }

    @Override
    public String name() {
        return "anonymous";
    }

    @Override
    public boolean isAuthenticated() {
        return false;
    }
}
