package nl.camiso.server.identity;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Salted slow password hashes: PBKDF2-HMAC-SHA256 from the JDK, written as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. Thread-safe.
 */
public final class PasswordHasher {

    /** OWASP's PBKDF2-SHA256 minimum (2021); also the least accepted in a stored hash. */
    public static final int ITERATIONS = 310_000;
    public static final int MIN_ITERATIONS = 310_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("empty password");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; false (never an exception) for a malformed hash. */
    public static boolean verify(String password, String encoded) {
        Parsed p = parse(encoded);
        if (p == null || password == null || password.isEmpty()) {
            return false;
        }
        byte[] actual = pbkdf2(password, p.salt, p.iterations);
        return MessageDigest.isEqual(actual, p.hash); // constant time
    }

    /** Null when well-formed, else what is wrong with it (for configuration messages). */
    public static String problem(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX + "$")) {
            return "must look like " + PREFIX + "$<iterations>$<salt base64>$<hash base64>";
        }
        Parsed p = parse(encoded);
        if (p == null) {
            return "is malformed (" + PREFIX + "$<iterations>$<salt base64>$<hash base64>)";
        }
        if (p.iterations < MIN_ITERATIONS) {
            return "has " + p.iterations + " iterations, at least " + MIN_ITERATIONS + " are required";
        }
        if (p.salt.length < SALT_BYTES) {
            return "has a salt of " + p.salt.length + " bytes, at least " + SALT_BYTES + " are required";
        }
        return null;
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || hash.length == 0) {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** UTF-8 bytes, for callers that hash credentials. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
