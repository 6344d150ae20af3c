package nl.camiso.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code server.jwt}: which bearer tokens are accepted. HMAC algorithms (HS*) verify with the
 * secret in {@code hmac_secret_file} only; RSA/EC algorithms (RS*, PS*, ES*) with the public
 * keys of the JWKS only. {@code none} is never allowed.
 *
 * @param hmacSecretFile     null means {@code <data_dir>/jwt.secret}
 * @param maxLifetimeSeconds the longest a token may be valid ({@code exp} minus {@code iat}); tokens
 *                           claiming more are refused, and none is issued for longer. Null means
 *                           {@link #DEFAULT_MAX_LIFETIME_SECONDS} (one day).
 */
public record JwtConfig(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("audience") String audience,
        @JsonProperty("jwks_file") String jwksFile,
        @JsonProperty("jwks_url") String jwksUrl,
        @JsonProperty("hmac_secret_file") String hmacSecretFile,
        @JsonProperty("allowed_algorithms") List<String> allowedAlgorithms,
        @JsonProperty("max_lifetime_seconds") Long maxLifetimeSeconds) {

    public static final List<String> HMAC_ALGORITHMS = List.of("HS256", "HS384", "HS512");
    public static final List<String> PUBLIC_KEY_ALGORITHMS = List.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
    public static final long DEFAULT_MAX_LIFETIME_SECONDS = 86_400;
    public static final long MIN_MAX_LIFETIME_SECONDS = 60;
    public static final long MAX_MAX_LIFETIME_SECONDS = 366L * 86_400;

    public JwtConfig {
        allowedAlgorithms = allowedAlgorithms == null ? List.of("HS256") : List.copyOf(allowedAlgorithms);
        maxLifetimeSeconds = maxLifetimeSeconds == null ? DEFAULT_MAX_LIFETIME_SECONDS : maxLifetimeSeconds;
    }

    /** With the default maximum lifetime. */
    public JwtConfig(String issuer, String audience, String jwksFile, String jwksUrl, String hmacSecretFile,
                     List<String> allowedAlgorithms) {
        this(issuer, audience, jwksFile, jwksUrl, hmacSecretFile, allowedAlgorithms, null);
    }

    public boolean allowsHmac() {
        return allowedAlgorithms.stream().anyMatch(HMAC_ALGORITHMS::contains);
    }

    public boolean allowsPublicKeys() {
        return allowedAlgorithms.stream().anyMatch(PUBLIC_KEY_ALGORITHMS::contains);
    }
}
