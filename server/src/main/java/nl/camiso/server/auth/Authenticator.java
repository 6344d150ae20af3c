package nl.camiso.server.auth;

import nl.camiso.server.identity.Account;
import nl.camiso.server.accounts.AccountLookup;
import nl.camiso.server.identity.PasswordHasher;

import java.util.Optional;

/**
 * Checks credentials against the account store: a user name + password, or a bearer token.
 *
 * <p>A bearer token names its account by name ({@code sub}), but names are reused: an account can
 * be deleted and another one created under the same name, and a password change must end the
 * tokens issued before it. So a token also has to fit the account as it is now:
 * <ul>
 *   <li>tokens of this server (HS*) carry the account's random id and token generation
 *       ({@link TokenIssuer}); both must equal the stored ones;</li>
 *   <li>tokens of an external identity provider (RS/PS/ES) cannot carry them; they must have been
 *       issued ({@code iat}) after the second in which the account was created or its password
 *       last changed.</li>
 * </ul>
 */
public final class Authenticator {

    /** Verified against when the account does not exist, so that timing does not reveal which names exist. */
    private static final String DUMMY_HASH = PasswordHasher.hash("camiso-no-such-account");

    private final AccountLookup accounts;
    private final CredentialCache cache;
    private final JwtVerifier jwt;
    private final FeedKeys.Store feedKeys;

    /** @param jwt null when bearer tokens are not configured */
    public Authenticator(AccountLookup accounts, CredentialCache cache, JwtVerifier jwt) {
        this(accounts, cache, jwt, null);
    }

    /** @param feedKeys null when feed keys are not available (no database) */
    public Authenticator(AccountLookup accounts, CredentialCache cache, JwtVerifier jwt, FeedKeys.Store feedKeys) {
        this.accounts = accounts;
        this.cache = cache;
        this.jwt = jwt;
        this.feedKeys = feedKeys;
    }

    /**
     * The outcome: an account, or the reason for the audit trail (never shown to the client). A
     * reason is written here in plain words and never contains a credential or part of one.
     *
     * @param feedKeyId the public id of the feed key that authenticated, null for other credentials
     * @param actor the account name to record for a failure: only a name that exists (a user who
     *              typed the password into the name field must not have it stored), else "-"
     */
    public record Result(Account account, String failure, String actor, String feedKeyId) {
        static Result ok(Account a) {
            return new Result(a, null, a.name(), null);
        }

        static Result failed(String actor, String reason) {
            return new Result(null, reason, actor == null ? "-" : actor, null);
        }

        public boolean isSuccess() {
            return account != null;
        }
    }

    public Result basic(String user, String password) {
        Optional<Account> account = accounts.find(user);
        if (account.isEmpty() || account.get().passwordHash() == null) {
            PasswordHasher.verify(password, DUMMY_HASH);
            return account.isEmpty() ? Result.failed(null, "unknown account name")
                    : Result.failed(user, "the account has no password (token only)");
        }
        String hash = account.get().passwordHash();
        if (cache.isVerified(user, password, hash)) {
            return Result.ok(account.get());
        }
        if (!PasswordHasher.verify(password, hash)) {
            return Result.failed(user, "wrong password");
        }
        cache.remember(user, password, hash);
        return Result.ok(account.get());
    }

    /**
     * A feed key ({@link FeedKeys}): found by its hash, and only while its account is still the one
     * it was created for (same random id and token generation: not deleted, re-created or given a
     * new password since). The result's {@link Result#feedKeyId()} names the key.
     */
    public Result feedKey(String key) {
        if (feedKeys == null) {
            return Result.failed(null, "feed keys are not available on this server");
        }
        Optional<FeedKeys.StoredKey> stored = feedKeys.findByHash(FeedKeys.hash(key));
        if (stored.isEmpty()) {
            return Result.failed(null, "unknown or revoked feed key");
        }
        FeedKeys.StoredKey k = stored.get();
        Optional<Account> found = accounts.find(k.accountName());
        if (found.isEmpty() || !k.accountId().equals(found.get().id())) {
            return Result.failed(null, "feed key " + k.id() + " of a deleted account");
        }
        if (found.get().tokenGeneration() != k.tokenGeneration()) {
            return Result.failed(k.accountName(), "feed key " + k.id() + " created before the account's last password change");
        }
        return new Result(found.get(), null, found.get().name(), k.id());
    }

    public Result bearer(String token) {
        if (jwt == null) {
            return Result.failed(null, "bearer tokens are not configured (server.jwt)");
        }
        JwtVerifier.VerifiedToken t;
        try {
            t = jwt.verify(token);
        } catch (JwtVerifier.InvalidTokenException e) {
            return Result.failed(null, "invalid token: " + e.getMessage());
        }
        Optional<Account> found = accounts.find(t.subject());
        if (found.isEmpty()) {
            return Result.failed(null, "valid token for an account name that does not exist (deleted?)");
        }
        Account a = found.get();
        if (t.issuedByThisServer()) {
            if (t.accountId() == null || t.generation() == null || a.id() == null) {
                return Result.failed(a.name(), "token without the account binding of this server's tokens");
            }
            if (!t.accountId().equals(a.id())) {
                return Result.failed(a.name(), "token of an earlier account of the same name (deleted and re-created since)");
            }
            if (t.generation() != a.tokenGeneration()) {
                return Result.failed(a.name(), "token issued before the account's last password change");
            }
        } else if (t.issuedAt().getEpochSecond() <= a.credentialsChangedAt().getEpochSecond()) {
            return Result.failed(a.name(), "token issued before the account was created or its password last changed");
        }
        return Result.ok(a);
    }
}
