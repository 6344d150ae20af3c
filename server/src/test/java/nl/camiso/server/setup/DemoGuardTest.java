package nl.camiso.server.setup;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoGuardTest {

    @TempDir
    Path dir;

    @Test
    void sampleConfigurationIsRefusedOnANonLoopbackBind() {
        ServerOptions options = new ServerOptions(null, "0.0.0.0", 0, dir.resolve("data"), null, null, null, null, null, true);
        StartupException e = assertThrows(StartupException.class, () -> CamisoServer.start(options));
        assertTrue(e.getMessage().contains("refusing to listen on 0.0.0.0"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data")), "refused before anything was created");
    }

    @Test
    void loopbackAddresses() {
        assertTrue(DemoGuard.isLoopback("127.0.0.1"));
        assertTrue(DemoGuard.isLoopback("localhost"));
        assertTrue(DemoGuard.isLoopback("::1"));
        assertFalse(DemoGuard.isLoopback("0.0.0.0"));
        assertFalse(DemoGuard.isLoopback("192.0.2.10"));
    }

    @Test
    void demoPasswordsInTheDatabaseAreRefusedOffLoopback() {
        assertThrows(StartupException.class, () -> DemoGuard.checkAccounts("0.0.0.0", List.of("bob")));
        assertDoesNotThrow(() -> DemoGuard.checkAccounts("127.0.0.1", List.of("bob")));
        assertDoesNotThrow(() -> DemoGuard.checkAccounts("0.0.0.0", List.of()));
    }

    @Test
    void flagsOverrideTheConfiguration() {
        Settings s = Settings.resolve(new ServerOptions(null, "::1", 9999, dir, "jdbc:postgresql://127.0.0.1:5432/test",
                "postgres", "secret", null, null, false));
        assertEquals("::1", s.bind());
        assertEquals(9999, s.port());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", s.database().jdbcUrl());
        assertEquals("postgres", s.database().user());
        assertEquals(dir.toAbsolutePath().normalize().resolve("jwt.secret"), s.jwtSecretFile());
        Settings fromConfig = Settings.resolve(new ServerOptions(null, null, ServerOptions.PORT_FROM_CONFIG, dir,
                null, null, null, null, null, true));
        assertEquals("127.0.0.1", fromConfig.bind());
        assertEquals(8080, fromConfig.port());
        assertTrue(fromConfig.database().jdbcUrl().startsWith("jdbc:h2:file:"));
    }

    @Test
    void passwordsInJdbcUrlsAreMaskedForTheLog() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                Settings.maskPassword("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"));
    }
}
