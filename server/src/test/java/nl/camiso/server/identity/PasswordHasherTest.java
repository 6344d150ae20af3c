package nl.camiso.server.identity;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    @Test
    void hashHasTheAgreedFormat() {
        String h = PasswordHasher.hash("correct horse");
        String[] parts = h.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 310_000);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
        assertNull(PasswordHasher.problem(h));
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String h = PasswordHasher.hash("correct horse");
        assertTrue(PasswordHasher.verify("correct horse", h));
        assertFalse(PasswordHasher.verify("correct horsE", h));
        assertFalse(PasswordHasher.verify("", h));
    }

    @Test
    void saltMakesEqualPasswordsHashDifferently() {
        assertNotEquals(PasswordHasher.hash("same password"), PasswordHasher.hash("same password"));
    }

    @Test
    void malformedHashesNeverVerify() {
        assertFalse(PasswordHasher.verify("x", "plain-text"));
        assertFalse(PasswordHasher.verify("x", "pbkdf2-sha256$abc$AA==$AA=="));
        assertFalse(PasswordHasher.verify("x", null));
        assertTrue(PasswordHasher.problem("sha1$1$a$b").startsWith("must look like"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHasher.hash(""));
    }
}
