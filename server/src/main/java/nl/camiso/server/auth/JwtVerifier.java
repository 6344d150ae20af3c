package nl.camiso.server.auth;

import nl.camiso.server.config.JwtConfig;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.util.List;

/**
 * Verifies bearer tokens (signed JWTs) with jose4j: signature, issuer, audience, expiry (30 s
 * clock skew) and an algorithm whitelist. {@code none} is never accepted. Against algorithm
 * confusion, the key is chosen by the algorithm's family: HS256/384/512 tokens only ever verify with
 * the HMAC secret, RSxxx, PSxxx and ESxxx tokens only with public keys from the JWKS (secret "oct" keys
 * in a JWKS are dropped), so an RSA public key can never serve as an HMAC secret.
 */
public final class JwtVerifier {

    static final int CLOCK_SKEW_SECONDS = 30;

    private final JwtConsumer consumer;

    /**
     * @param hmacSecret     the HS* secret, or null when HS* tokens are not accepted
     * @param publicKeys     resolver of RS/PS/ES keys (a JWKS), or null
     */
    public JwtVerifier(JwtConfig config, byte[] hmacSecret, VerificationKeyResolver publicKeys) {
        Key hmacKey = hmacSecret == null ? null : new HmacKey(hmacSecret);
        List<String> allowed = config.allowedAlgorithms().stream()
                .filter(a -> JwtConfig.HMAC_ALGORITHMS.contains(a) || JwtConfig.PUBLIC_KEY_ALGORITHMS.contains(a))
                .toList();
        VerificationKeyResolver byFamily = (JsonWebSignature jws, List<JsonWebStructure> nesting) -> {
            String alg = jws.getAlgorithmHeaderValue();
            if (JwtConfig.HMAC_ALGORITHMS.contains(alg) && hmacKey != null) {
                return hmacKey;
            }
            if (JwtConfig.PUBLIC_KEY_ALGORITHMS.contains(alg) && publicKeys != null) {
                return publicKeys.resolveKey(jws, nesting);
            }
            throw new UnresolvableKeyException("no key for algorithm " + alg);
        };
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setRequireSubject()
                .setExpectedIssuer(true, config.issuer())
                .setExpectedAudience(true, config.audience())
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, allowed.toArray(String[]::new)))
                // encrypted tokens are not part of this protocol
                .setJweAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT))
                .setVerificationKeyResolver(byFamily)
                .build();
    }

    /** Builds the verifier the configuration describes; the HMAC secret file is created when absent. */
    public static JwtVerifier fromConfig(JwtConfig config, Path hmacSecretFile) {
        byte[] secret = config.allowsHmac() ? HmacSecret.loadOrCreate(hmacSecretFile) : null;
        VerificationKeyResolver keys = null;
        if (config.allowsPublicKeys()) {
            if (config.jwksUrl() != null) {
                keys = new HttpsJwksVerificationKeyResolver(new HttpsJwks(config.jwksUrl()));
            } else {
                keys = jwksFile(Path.of(config.jwksFile()));
            }
        }
        return new JwtVerifier(config, secret, keys);
    }

    /** The public keys of a JWKS file; symmetric and private parts are never used. */
    static VerificationKeyResolver jwksFile(Path file) {
        try {
            JsonWebKeySet set = new JsonWebKeySet(Files.readString(file));
            List<JsonWebKey> publicOnly = set.getJsonWebKeys().stream()
                    .filter(k -> k instanceof PublicJsonWebKey)
                    .map(k -> (JsonWebKey) publicPart((PublicJsonWebKey) k))
                    .toList();
            return new JwksVerificationKeyResolver(publicOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JWKS file " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException("JWKS file " + file + " is not a valid JWK set: " + e.getMessage(), e);
        }
    }

    private static PublicJsonWebKey publicPart(PublicJsonWebKey k) {
        try {
            PublicJsonWebKey copy = PublicJsonWebKey.Factory.newPublicJwk(k.getPublicKey());
            copy.setKeyId(k.getKeyId());
            copy.setAlgorithm(k.getAlgorithm());
            copy.setUse(k.getUse());
            return copy;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies a compact JWS and returns its subject (an account name).
     *
     * @throws InvalidTokenException with a reason for the log (not for the client)
     */
    public String verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            return claims.getSubject();
        } catch (InvalidJwtException e) {
            String reason = e.getErrorDetails().isEmpty() ? e.getMessage()
                    : e.getErrorDetails().get(0).getErrorMessage();
            throw new InvalidTokenException(reason);
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /** A bearer token that is not accepted. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String reason) {
            super(reason);
        }
    }
}
