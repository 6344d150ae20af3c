package nl.camiso.server.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers, for a short time, that a user name + password matched a stored hash.
 *
 * <p>Why: a SIEM polling with HTTP Basic sends the same credentials thousands of times an hour,
 * and each PBKDF2 check costs ~300 ms of CPU on purpose. Without a cache that is a CPU sink and
 * an easy denial of service. With it, only the first request in each {@code ttl} pays.
 *
 * <p>How it stays safe:
 * <ul>
 *   <li>The key is an HMAC, under a random key made at start-up and never stored, of
 *       user name, password and the <em>stored hash</em>. No password is kept; an entry is
 *       useless outside this process; and a password change (new stored hash) or a deleted
 *       account (nothing to compare to) stops matching at once, without invalidation.</li>
 *   <li>Only successes are cached, so guessing still costs a full PBKDF2 per guess.</li>
 *   <li>Entries expire after {@code ttl}; the map is bounded and cleared when full.</li>
 * </ul>
 */
public final class CredentialCache {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);
    private static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();

    public CredentialCache() {
        this(DEFAULT_TTL, DEFAULT_MAX_ENTRIES, System::nanoTime);
    }

    CredentialCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    public boolean isVerified(String user, String password, String storedHash) {
        String k = cacheKey(user, password, storedHash);
        Long until = verifiedUntil.get(k);
        if (until == null) {
            return false;
        }
        if (nanoClock.getAsLong() - until > 0) {
            verifiedUntil.remove(k, until);
            return false;
        }
        return true;
    }

    public void remember(String user, String password, String storedHash) {
        long now = nanoClock.getAsLong();
        if (verifiedUntil.size() >= maxEntries) {
            verifiedUntil.values().removeIf(until -> now - until > 0);
            if (verifiedUntil.size() >= maxEntries) {
                verifiedUntil.clear(); // crude but bounded; only costs a few PBKDF2 runs
            }
        }
        verifiedUntil.put(cacheKey(user, password, storedHash), now + ttlNanos);
    }

    int size() {
        return verifiedUntil.size();
    }

    private String cacheKey(String user, String password, String storedHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // lengths first, so that ("ab","c") and ("a","bc") differ
            String material = user.length() + ":" + user + password.length() + ":" + password + storedHash;
            return Base64.getEncoder().encodeToString(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
