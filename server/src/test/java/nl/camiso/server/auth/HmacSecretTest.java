package nl.camiso.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HmacSecretTest {

    @TempDir
    Path dir;

    /** A power cut between creating the file and writing it leaves it empty; no token can have used it. */
    @Test
    void anEmptySecretFileLeftByACrashIsFilledOnce() throws Exception {
        Path file = dir.resolve("jwt.secret");
        Files.createFile(file);
        byte[] secret = HmacSecret.loadOrCreate(file);
        assertEquals(32, secret.length);
        assertArrayEquals(secret, HmacSecret.loadOrCreate(file), "written once, then only read");
    }
}
