package nl.camiso.server.identity;

import jakarta.ws.rs.container.ContainerRequestContext;
import nl.camiso.taxii.spi.Requester;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who makes a request, with everything a decision needs: the account (id, name, organisation,
 * roles, grants) as read at the start of the request, or nobody ({@link #ANONYMOUS}). The
 * authentication filter puts one on every request; the authorizer and the endpoints read it
 * from there ({@link #current}).
 */
public final class Principal implements Requester {

    /** A request without credentials. */
    public static final Principal ANONYMOUS = new Principal(null, false, Set.of(), null);

    private final Account account;
    private final boolean byPassword;
    private final Set<String> alsoPublishesFor;
    private final String feedKeyId;

    private Principal(Account account, boolean byPassword, Set<String> alsoPublishesFor, String feedKeyId) {
        this.account = account;
        this.byPassword = byPassword;
        this.alsoPublishesFor = Set.copyOf(alsoPublishesFor);
        this.feedKeyId = feedKeyId;
    }

    /**
     * @param byPassword whether the request proved itself with the account's password (HTTP Basic);
     *                   false for a bearer token. Only a password may obtain a new token.
     */
    public static Principal of(Account account, boolean byPassword) {
        return new Principal(java.util.Objects.requireNonNull(account), byPassword, Set.of(), null);
    }

    /**
     * An account acting through one of its feed keys: the authorizer lets it read feeds with the
     * account's rights and nothing else ({@link #feedKeyId()}).
     *
     * @param feedKeyId the key's public id (never the key)
     */
    public static Principal ofFeedKey(Account account, String feedKeyId) {
        return new Principal(java.util.Objects.requireNonNull(account), false, Set.of(),
                java.util.Objects.requireNonNull(feedKeyId));
    }

    /** An account acting without having shown its password (the command line, tests). */
    public static Principal of(Account account) {
        return of(account, false);
    }

    /** The principal of a request: what authentication put there, else anonymous. */
    public static Principal current(ContainerRequestContext request) {
        return request.getProperty(Requester.PROPERTY) instanceof Principal p ? p : ANONYMOUS;
    }

    /**
     * The principal behind a requester that the protocol layer hands back to its SPI (the ingest
     * policy and the access policy, which take a {@link Requester}). On this server every requester
     * is a Principal, set by authentication; anything else is treated as anonymous. The one place a
     * requester is narrowed; the authorizer is typed and needs none.
     */
    public static Principal from(Requester requester) {
        return requester instanceof Principal p ? p : ANONYMOUS;
    }

    /**
     * The same principal, allowed in addition to name these STIX identities as an object's
     * creator: set only by an endpoint that checked the right itself (a release naming an
     * originator that consented to it).
     */
    public Principal publishingFor(Set<String> identities) {
        return account == null ? this : new Principal(account, byPassword, identities, feedKeyId);
    }

    /** Account name; "anonymous" without one. */
    @Override
    public String name() {
        return account == null ? "anonymous" : account.name();
    }

    @Override
    public boolean isAuthenticated() {
        return account != null;
    }

    /** The account; empty for anonymous. */
    public Optional<Account> account() {
        return Optional.ofNullable(account);
    }

    /** The account's random id (null for anonymous and for accounts never stored). */
    public String accountId() {
        return account == null ? null : account.id();
    }

    /** The organisation's short name; null for anonymous and accounts of no organisation. */
    public String organisation() {
        return account == null ? null : account.organisation();
    }

    public Set<Role> roles() {
        return account == null ? Set.of() : account.roles();
    }

    public boolean hasRole(Role role) {
        return roles().contains(role);
    }

    public List<Grant> grants() {
        return account == null ? List.of() : account.grants();
    }

    /** The public id of the feed key this request came with; null for every other credential. */
    public String feedKeyId() {
        return feedKeyId;
    }

    public boolean byPassword() {
        return byPassword;
    }

    /** STIX identities other than its organisation's that this request may name as {@code created_by_ref}. */
    public Set<String> alsoPublishesFor() {
        return alsoPublishesFor;
    }

    @Override
    public String toString() {
        return account == null ? "Principal[anonymous]" : "Principal[" + account.name() + "]";
    }
}
