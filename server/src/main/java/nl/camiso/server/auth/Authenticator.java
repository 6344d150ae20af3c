package nl.camiso.server.auth;

import nl.camiso.server.accounts.Account;
import nl.camiso.server.accounts.AccountLookup;
import nl.camiso.server.accounts.PasswordHasher;

import java.util.Optional;

/** Checks credentials against the account store: a user name + password, or a bearer token. */
public final class Authenticator {

    /** Verified against when the account does not exist, so that timing does not reveal which names exist. */
    private static final String DUMMY_HASH = PasswordHasher.hash("camiso-no-such-account");

    private final AccountLookup accounts;
    private final CredentialCache cache;
    private final JwtVerifier jwt;

    /** @param jwt null when bearer tokens are not configured */
    public Authenticator(AccountLookup accounts, CredentialCache cache, JwtVerifier jwt) {
        this.accounts = accounts;
        this.cache = cache;
        this.jwt = jwt;
    }

    /** The outcome: an account, or the reason for the log (never shown to the client). */
    public record Result(Account account, String failure) {
        static Result ok(Account a) {
            return new Result(a, null);
        }

        static Result failed(String reason) {
            return new Result(null, reason);
        }

        public boolean isSuccess() {
            return account != null;
        }
    }

    public Result basic(String user, String password) {
        Optional<Account> account = accounts.find(user);
        if (account.isEmpty() || account.get().passwordHash() == null) {
            PasswordHasher.verify(password, DUMMY_HASH);
            return Result.failed(account.isEmpty() ? "unknown account" : "account has no password");
        }
        String hash = account.get().passwordHash();
        if (cache.isVerified(user, password, hash)) {
            return Result.ok(account.get());
        }
        if (!PasswordHasher.verify(password, hash)) {
            return Result.failed("wrong password");
        }
        cache.remember(user, password, hash);
        return Result.ok(account.get());
    }

    public Result bearer(String token) {
        if (jwt == null) {
            return Result.failed("bearer tokens are not configured (server.jwt)");
        }
        String subject;
        try {
            subject = jwt.verify(token);
        } catch (JwtVerifier.InvalidTokenException e) {
            return Result.failed("invalid token: " + e.getMessage());
        }
        return accounts.find(subject).map(Result::ok)
                .orElseGet(() -> Result.failed("token for unknown account '" + subject + "'"));
    }
}
