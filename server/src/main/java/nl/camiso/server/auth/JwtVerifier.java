package nl.camiso.server.auth;

import nl.camiso.server.config.JwtConfig;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies bearer tokens (signed JWTs) with jose4j: canonical compact form, signature, issuer,
 * audience, subject, issue and expiry times (30 s clock skew), a maximum lifetime and an
 * algorithm whitelist. {@code none} is never accepted. Against algorithm confusion, the key is
 * chosen by the algorithm's family: HS256/384/512 tokens only ever verify with the HMAC secret,
 * RSxxx, PSxxx and ESxxx tokens only with public keys from the JWKS (secret "oct" keys in a JWKS
 * are dropped), so an RSA public key can never serve as an HMAC secret; keys named in the token's
 * own header ({@code jwk}, {@code jku}, {@code x5c}...) are refused before anything else.
 */
public final class JwtVerifier {

    static final int CLOCK_SKEW_SECONDS = 30;
    /** Longer than any token this server issues or an identity provider plausibly does. */
    static final int MAX_TOKEN_LENGTH = 8192;
    /** Claims of the tokens this server issues that bind them to one account (see {@link Authenticator}). */
    public static final String ACCOUNT_ID_CLAIM = "camiso_aid";
    public static final String GENERATION_CLAIM = "camiso_gen";

    private static final String[] PART_NAMES = {"header", "payload", "signature"};
    private static final Set<String> HEADER_PARAMETERS = Set.of("alg", "typ", "kid");
    private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/jwt", "application/at+jwt");
    /** Registered JOSE header names (RFC 7515/7516/7797/8555): named in a refusal; other names are not echoed. */
    private static final Set<String> KNOWN_JOSE_PARAMETERS = Set.of("jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256",
            "cty", "crit", "b64", "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c", "url", "nonce", "ppt");
    private static final ObjectMapper STRICT_JSON = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** jose4j's error codes, most telling first, and what they mean in plain words. */
    private static final int[] REASON_ORDER = {
            ErrorCodes.SIGNATURE_MISSING, ErrorCodes.SIGNATURE_INVALID, ErrorCodes.JSON_INVALID,
            ErrorCodes.MALFORMED_CLAIM, ErrorCodes.ISSUER_MISSING, ErrorCodes.ISSUER_INVALID,
            ErrorCodes.AUDIENCE_MISSING, ErrorCodes.AUDIENCE_INVALID, ErrorCodes.SUBJECT_MISSING,
            ErrorCodes.SUBJECT_INVALID, ErrorCodes.EXPIRATION_MISSING, ErrorCodes.ISSUED_AT_MISSING,
            ErrorCodes.EXPIRED, ErrorCodes.NOT_YET_VALID, ErrorCodes.ISSUED_AT_INVALID_FUTURE,
            ErrorCodes.ISSUED_AT_INVALID_PAST, ErrorCodes.INTEGRITY_MISSING, ErrorCodes.ENCRYPTION_MISSING};
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(ErrorCodes.SIGNATURE_MISSING, "the token is not signed"),
            Map.entry(ErrorCodes.SIGNATURE_INVALID, "the token's signature does not verify"),
            Map.entry(ErrorCodes.JSON_INVALID, "the token's payload is not a JSON object"),
            Map.entry(ErrorCodes.MALFORMED_CLAIM, "a claim of the token has the wrong type"),
            Map.entry(ErrorCodes.ISSUER_MISSING, "the token names no issuer (iss)"),
            Map.entry(ErrorCodes.ISSUER_INVALID, "the token's issuer (iss) is not the configured one"),
            Map.entry(ErrorCodes.AUDIENCE_MISSING, "the token names no audience (aud)"),
            Map.entry(ErrorCodes.AUDIENCE_INVALID, "the token's audience (aud) does not include this server"),
            Map.entry(ErrorCodes.SUBJECT_MISSING, "the token names no account (sub)"),
            Map.entry(ErrorCodes.SUBJECT_INVALID, "the token's subject (sub) is not valid"),
            Map.entry(ErrorCodes.EXPIRATION_MISSING, "the token has no expiry time (exp)"),
            Map.entry(ErrorCodes.ISSUED_AT_MISSING, "the token has no issue time (iat)"),
            Map.entry(ErrorCodes.EXPIRED, "the token has expired"),
            Map.entry(ErrorCodes.NOT_YET_VALID, "the token is not valid yet (nbf)"),
            Map.entry(ErrorCodes.ISSUED_AT_INVALID_FUTURE, "the token's issue time (iat) is in the future"),
            Map.entry(ErrorCodes.ISSUED_AT_INVALID_PAST, "the token's issue time (iat) is longer ago than the maximum lifetime"),
            Map.entry(ErrorCodes.INTEGRITY_MISSING, "the token is not signed"),
            Map.entry(ErrorCodes.ENCRYPTION_MISSING, "the token is not signed"));

    private final JwtConsumer consumer;
    private final List<String> allowed;
    private final long maxLifetimeSeconds;

    /**
     * @param hmacSecret     the HS* secret, or null when HS* tokens are not accepted
     * @param publicKeys     resolver of RS/PS/ES keys (a JWKS), or null
     */
    public JwtVerifier(JwtConfig config, byte[] hmacSecret, VerificationKeyResolver publicKeys) {
        Key hmacKey = hmacSecret == null ? null : new HmacKey(hmacSecret);
        this.allowed = config.allowedAlgorithms().stream()
                .filter(a -> JwtConfig.HMAC_ALGORITHMS.contains(a) || JwtConfig.PUBLIC_KEY_ALGORITHMS.contains(a))
                .toList();
        this.maxLifetimeSeconds = config.maxLifetimeSeconds();
        VerificationKeyResolver byFamily = (JsonWebSignature jws, List<JsonWebStructure> nesting) -> {
            String alg = jws.getAlgorithmHeaderValue();
            if (JwtConfig.HMAC_ALGORITHMS.contains(alg) && hmacKey != null) {
                return hmacKey;
            }
            if (JwtConfig.PUBLIC_KEY_ALGORITHMS.contains(alg) && publicKeys != null) {
                return publicKeys.resolveKey(jws, nesting);
            }
            throw new UnresolvableKeyException("no key for the algorithm");
        };
        int maxAge = (int) Math.min(Integer.MAX_VALUE, maxLifetimeSeconds + CLOCK_SKEW_SECONDS);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, maxAge)
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
                keys = new HttpsJwksVerificationKeyResolver(identityProviderKeys(config.jwksUrl()));
            } else {
                keys = jwksFile(Path.of(config.jwksFile()));
            }
        }
        return new JwtVerifier(config, secret, keys);
    }

    /**
     * The identity provider's JWKS over HTTPS: short timeouts and one retry, so that an unreachable
     * provider costs a request seconds, not minutes; keys already fetched stay in use for an hour
     * while the provider is unreachable, so a short outage does not refuse valid tokens.
     */
    static HttpsJwks identityProviderKeys(String url) {
        HttpsJwks jwks = new HttpsJwks(url);
        Get get = new Get();
        get.setConnectTimeout(3_000);
        get.setReadTimeout(5_000);
        get.setRetries(1);
        get.setInitialRetryWaitTime(200);
        jwks.setSimpleHttpGet(get);
        jwks.setRetainCacheOnErrorDuration(3_600);
        return jwks;
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
     * Verifies a compact JWS: its form first (see {@link #checkForm}), then signature and claims.
     * Whether it fits the account it names is the {@link Authenticator}'s decision.
     *
     * @throws InvalidTokenException with a reason in plain words for the audit trail (never the
     *                               token or a part of it, never shown to the client)
     */
    public VerifiedToken verify(String token) {
        String algorithm = checkForm(token);
        if (!allowed.contains(algorithm)) {
            throw new InvalidTokenException("the token's algorithm is not accepted (allowed: " + String.join(", ", allowed) + ")");
        }
        JwtContext context;
        try {
            context = consumer.process(token);
        } catch (InvalidJwtException e) {
            if (keysUnreachable(e)) {
                throw new KeysUnavailableException();
            }
            throw new InvalidTokenException(reason(e));
        } catch (RuntimeException e) {
            throw new InvalidTokenException("the token could not be read");
        }
        JwtClaims claims = context.getJwtClaims();
        try {
            long issuedAt = claims.getIssuedAt().getValue();
            long lifetime = claims.getExpirationTime().getValue() - issuedAt;
            if (lifetime > maxLifetimeSeconds) {
                throw new InvalidTokenException("the token's lifetime (exp - iat = " + lifetime
                        + " s) is longer than the allowed " + maxLifetimeSeconds + " s");
            }
            String alg = context.getJoseObjects().get(0).getAlgorithmHeaderValue();
            return new VerifiedToken(claims.getSubject(), Instant.ofEpochSecond(issuedAt),
                    claims.getClaimValue(ACCOUNT_ID_CLAIM) instanceof String id ? id : null,
                    claims.getClaimValue(GENERATION_CLAIM) instanceof Number n && isWhole(n) ? n.longValue() : null,
                    JwtConfig.HMAC_ALGORITHMS.contains(alg));
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("a claim of the token has the wrong type");
        }
    }

    /** Whether the signature could not be checked because the JWKS could not be fetched (not a bad token). */
    private static boolean keysUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The identity provider's keys could not be fetched, so the token could be neither accepted
     * nor refused: the server is the one that cannot answer, which is a 503, not a 401.
     */
    public static final class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException() {
            super("the identity provider's keys (jwks_url) could not be fetched");
        }
    }

    private static boolean isWhole(Number n) {
        return n instanceof Long || n instanceof Integer;
    }

    /**
     * What may be a token at all, before any cryptography: three non-empty parts of canonical
     * base64url (RFC 7515 compact serialisation: URL alphabet, no padding, no whitespace, no stray
     * bits, so one token has exactly one spelling), a header of known parameters only (no
     * {@code jwk}, {@code jku}, {@code x5c}, {@code crit}, {@code b64}... that could bring their own
     * key or change how the signature is computed), and header and payload JSON objects without
     * duplicate members (which parsers might resolve differently).
     *
     * @return the algorithm the header names
     */
    static String checkForm(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("no token was given");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new InvalidTokenException("the token is not three non-empty parts separated by dots"
                    + " (a signed JWT in compact form)");
        }
        byte[][] decoded = new byte[3][];
        for (int i = 0; i < 3; i++) {
            decoded[i] = canonicalBase64url(parts[i]);
            if (decoded[i] == null) {
                throw new InvalidTokenException("the token's " + PART_NAMES[i] + " is not canonical base64url"
                        + " (only A-Z a-z 0-9 - _, no padding, no whitespace, no stray bits)");
            }
        }
        JsonNode header = jsonObject(decoded[0], "header");
        jsonObject(decoded[1], "payload");
        for (Iterator<String> names = header.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!HEADER_PARAMETERS.contains(name)) {
                throw new InvalidTokenException("the token's header has parameter "
                        + (KNOWN_JOSE_PARAMETERS.contains(name) ? "'" + name + "'" : "of an unknown name")
                        + ", which is not accepted (only alg, typ and kid are)");
            }
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new InvalidTokenException("the token's header names no algorithm");
        }
        JsonNode typ = header.get("typ");
        if (typ != null && !(typ.isTextual() && TYPES.contains(typ.textValue().toLowerCase(Locale.ROOT)))) {
            throw new InvalidTokenException("the token's header has a type other than JWT");
        }
        return alg.textValue();
    }

    /** The bytes, or null when the text is not the one canonical unpadded base64url spelling of them. */
    static byte[] canonicalBase64url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        if (text.length() % 4 == 1) {
            return null;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        // the decoder ignores unused low bits of the last character; re-encoding shows them
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
    }

    private static JsonNode jsonObject(byte[] utf8, String part) {
        try (JsonParser p = STRICT_JSON.createParser(utf8)) {
            JsonNode node = STRICT_JSON.readTree(p);
            if (node == null || !node.isObject() || p.nextToken() != null) {
                throw new InvalidTokenException("the token's " + part + " is not one JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidTokenException("the token's " + part + " is not a JSON object without duplicate members");
        }
    }

    /** The first problem jose4j found, in plain words (its own messages quote the claims and name classes). */
    String reason(InvalidJwtException e) {
        for (int code : REASON_ORDER) {
            if (e.hasErrorCode(code)) {
                return REASONS.get(code);
            }
        }
        if (expiresBeforeIssued(e.getJwtContext())) {
            return "the token expires (exp) before it was issued (iat)";
        }
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof UnresolvableKeyException) {
                return "no key of this server fits the token's algorithm and key id";
            }
            if (cause instanceof InvalidAlgorithmException) {
                return "the token's algorithm is not accepted (allowed: " + String.join(", ", allowed) + ")";
            }
            cause = cause.getCause();
        }
        return "the token could not be verified";
    }

    private static boolean expiresBeforeIssued(JwtContext context) {
        try {
            JwtClaims c = context == null ? null : context.getJwtClaims();
            return c != null && c.getExpirationTime() != null && c.getIssuedAt() != null
                    && c.getExpirationTime().isBefore(c.getIssuedAt());
        } catch (MalformedClaimException ex) {
            return false;
        }
    }

    /** A token whose signature and claims are good. */
    public record VerifiedToken(String subject, Instant issuedAt, String accountId, Long generation,
                                boolean issuedByThisServer) {
    }

    /** A bearer token that is not accepted. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String reason) {
            super(reason, null, false, false);
        }
    }
}
