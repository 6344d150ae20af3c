package nl.camiso.server.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialCacheTest {

    final AtomicLong now = new AtomicLong();
    final CredentialCache cache = new CredentialCache(Duration.ofSeconds(60), 3, now::get);

    @Test
    void remembersExactlyTheVerifiedCredentialsUntilTheTtl() {
        cache.remember("alice", "pw1", "HASH-A");
        assertTrue(cache.isVerified("alice", "pw1", "HASH-A"));
        assertFalse(cache.isVerified("alice", "pw2", "HASH-A"), "other password");
        assertFalse(cache.isVerified("alicE", "pw1", "HASH-A"), "other user");
        assertFalse(cache.isVerified("alice", "pw1", "HASH-B"), "password changed since");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertFalse(cache.isVerified("alice", "pw1", "HASH-A"), "expired");
    }

    @Test
    void boundaryBetweenUserAndPasswordMatters() {
        cache.remember("ab", "c", "H");
        assertFalse(cache.isVerified("a", "bc", "H"));
    }

    @Test
    void staysBounded() {
        for (int i = 0; i < 10; i++) {
            cache.remember("user" + i, "pw", "H");
        }
        assertTrue(cache.size() <= 3);
        assertEquals(true, cache.isVerified("user9", "pw", "H"));
    }
}
