package nl.camiso.server.auth;

import nl.camiso.server.identity.Account;
import nl.camiso.server.config.JwtConfig;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.time.Instant;

/**
 * Issues HS256 tokens verifiable by {@link JwtVerifier}, for {@code camiso token issue} and the
 * token endpoint. A token names the account ({@code sub}) and binds itself to it: the account's
 * random id and its token generation, so it does not fit a later account of the same name and
 * stops working when the password changes.
 */
public final class TokenIssuer {

    private final JwtConfig config;
    private final byte[] secret;

    public TokenIssuer(JwtConfig config, byte[] secret) {
        this.config = config;
        this.secret = secret.clone();
    }

    /** The longest lifetime a token may have ({@code server.jwt.max_lifetime_seconds}). */
    public Duration maxLifetime() {
        return Duration.ofSeconds(config.maxLifetimeSeconds());
    }

    /** @throws IllegalArgumentException when the lifetime is not positive or above {@link #maxLifetime()} */
    public String issue(Account account, Duration ttl, Instant now) {
        if (account.id() == null) {
            throw new IllegalArgumentException("account '" + account.name() + "' was never stored");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxLifetime()) > 0) {
            throw new IllegalArgumentException("a token lives at most " + config.maxLifetimeSeconds()
                    + " seconds (server.jwt.max_lifetime_seconds)");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(config.audience());
        claims.setSubject(account.name());
        claims.setClaim(JwtVerifier.ACCOUNT_ID_CLAIM, account.id());
        claims.setClaim(JwtVerifier.GENERATION_CLAIM, account.tokenGeneration());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + ttl.toSeconds()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
    }
}
