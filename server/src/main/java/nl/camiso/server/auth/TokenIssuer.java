package nl.camiso.server.auth;

import nl.camiso.server.config.JwtConfig;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.time.Instant;

/** Issues HS256 tokens for {@code camiso token issue}, verifiable by {@link JwtVerifier}. */
public final class TokenIssuer {

    private final JwtConfig config;
    private final byte[] secret;

    public TokenIssuer(JwtConfig config, byte[] secret) {
        this.config = config;
        this.secret = secret.clone();
    }

    public String issue(String subject, Duration ttl, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(config.audience());
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(ttl).getEpochSecond()));
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
