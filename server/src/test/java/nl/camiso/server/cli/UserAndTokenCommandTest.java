package nl.camiso.server.cli;

import nl.camiso.server.auth.HmacSecret;
import nl.camiso.server.auth.JwtVerifier;
import nl.camiso.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code camiso user ...} and {@code camiso token issue} on a real H2 database. */
class UserAndTokenCommandTest {

    @TempDir
    Path dir;

    CliRun camiso(String... args) {
        return CliRun.withDataDir(dir.resolve("data"), args);
    }

    /** A data directory held by another process, as a running server holds it: a clear message, exit 1. */
    @Test
    void aDatabaseInUseGetsAClearMessageNotAStackTrace() throws Exception {
        assertEquals(0, camiso("user", "list").code()); // creates the database
        Path file = dir.resolve("data").resolve("camiso.mv.db");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            CliRun run = camiso("user", "add", "soc-bot", "--password", "long-enough-pw");
            assertEquals(1, run.code());
            String message = run.err();
            assertTrue(message.startsWith("camiso: the embedded database"), message);
            assertTrue(message.contains("is in use by another process") && message.contains("/x-camiso/admin/"), message);
            assertFalse(message.contains("\tat "), "no stack trace: " + message);
        }
        assertEquals(0, camiso("user", "list").code(), "usable again once the other process lets go");
    }

    /** H2 shared between processes would hide objects from the in-memory id filters: refused in one line. */
    @Test
    void aSharedH2DatabaseIsRefused() {
        for (String url : new String[] {"jdbc:h2:tcp://127.0.0.1:9092/camiso", "jdbc:h2:file:" + dir.resolve("x") + ";AUTO_SERVER=TRUE"}) {
            CliRun run = camiso("user", "list", "--db-url", url);
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().startsWith("camiso: the H2 URL") && run.err().contains("PostgreSQL"), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        }
    }

    @Test
    void userLifecycle() {
        assertEquals(0, camiso("user", "add", "soc-bot", "--password", "long-enough-pw", "--organisation", "ndn").code());
        assertEquals(1, camiso("user", "add", "soc-bot", "--password", "long-enough-pw").code(), "duplicate");
        assertEquals(0, camiso("user", "grant", "soc-bot", "--api-root", "ndn", "--collection", "ndn-clear", "--read").code());
        assertEquals(1, camiso("user", "grant", "soc-bot", "--api-root", "ndn", "--collection", "nope", "--read").code());
        String list = camiso("user", "list").out();
        assertTrue(list.contains("soc-bot\torganisation=ndn"), list);
        assertTrue(list.contains("ndn/580ffeab-2948-4620-a1a1-0ef9bfa2830c:read"), list);
        assertEquals(0, camiso("user", "passwd", "soc-bot", "--password", "another-long-pw").code());
        assertEquals(0, camiso("user", "revoke", "soc-bot", "--api-root", "ndn", "--collection", "ndn-clear").code());
        assertTrue(camiso("user", "list").out().contains("grants=-"));
        assertEquals(0, camiso("user", "delete", "soc-bot").code());
        assertEquals(1, camiso("user", "delete", "soc-bot").code());
    }

    @Test
    void theCliRefusesWhatTheAdminApiRefusesWithTheSameReason() {
        CliRun noSuchOrganisation = camiso("user", "add", "soc-bot", "--password", "long-enough-pw", "--organisation", "nope");
        assertEquals(1, noSuchOrganisation.code());
        assertTrue(noSuchOrganisation.err().contains("no organisation 'nope'"), noSuchOrganisation.err());
        CliRun badName = camiso("user", "add", "soc bot", "--password", "long-enough-pw");
        assertEquals(1, badName.code());
        assertTrue(badName.err().contains("not a valid account name"), badName.err());
        assertEquals(0, camiso("user", "add", "soc-bot", "--no-password").code());
        CliRun longLabel = camiso("feed-key", "create", "soc-bot", "--label", "x".repeat(201));
        assertEquals(1, longLabel.code());
        assertTrue(longLabel.err().contains("at most 200 characters"), longLabel.err());
        assertTrue(camiso("user", "list").out().contains("soc-bot"));
    }

    @Test
    void tokenIssueForAnExistingUser() {
        assertEquals(0, camiso("user", "add", "siem", "--no-password").code());
        CliRun run = camiso("token", "issue", "--user", "siem", "--ttl", "2h");
        assertEquals(0, run.code());
        String token = run.out().trim();
        byte[] secret = HmacSecret.loadOrCreate(dir.resolve("data/jwt.secret"));
        JwtVerifier verifier = new JwtVerifier(ConfigLoader.loadDefault().server().jwt(), secret, null);
        assertEquals("siem", verifier.verify(token).subject());
        assertEquals(1, camiso("token", "issue", "--user", "siem", "--ttl", "2d").code(), "above the maximum lifetime");
        assertEquals(1, camiso("token", "issue", "--user", "nobody").code());
    }

    @Test
    void ttlFormats() {
        assertEquals(Duration.ofSeconds(90), TokenCommand.parseTtl("90s"));
        assertEquals(Duration.ofMinutes(30), TokenCommand.parseTtl("30m"));
        assertEquals(Duration.ofDays(7), TokenCommand.parseTtl("7d"));
        assertEquals(Duration.ofHours(1), TokenCommand.parseTtl("PT1H"));
        assertThrows(RuntimeException.class, () -> TokenCommand.parseTtl("0s"));
        assertThrows(RuntimeException.class, () -> TokenCommand.parseTtl("400d"));
        assertThrows(RuntimeException.class, () -> TokenCommand.parseTtl("soon"));
    }
}
