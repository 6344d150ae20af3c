package nl.camiso.stix.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's plumbing (not its speed): arguments, counting, output. */
class ParseValidateBenchmarkTest {

    @Test
    void arguments() {
        ParseValidateBenchmark.Settings s = ParseValidateBenchmark.parseArgs("/data", "--rounds", "3", "--warmup", "0", "--min-round-ms", "50", "--check");
        assertEquals(Path.of("/data"), s.dir());
        assertEquals(3, s.measuredRounds());
        assertEquals(0, s.warmupRounds());
        assertEquals(50, s.minRoundMillis());
        assertEquals(5, ParseValidateBenchmark.parseArgs().warmupRounds());
        assertEquals(7, ParseValidateBenchmark.parseArgs().measuredRounds());
        assertThrows(IllegalArgumentException.class, () -> ParseValidateBenchmark.parseArgs("--rounds"));
        assertThrows(IllegalArgumentException.class, () -> ParseValidateBenchmark.parseArgs("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> ParseValidateBenchmark.parseArgs("--fast"));
        assertThrows(IllegalArgumentException.class, () -> ParseValidateBenchmark.parseArgs("--rounds", "0"));
    }

    @Test
    void countsObjectsOfBundlesArraysAndSingleObjects(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.json"), "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"note\"},{\"type\":\"note\"}]}");
        Files.writeString(dir.resolve("a.json"), "[{\"type\":\"note\"},{\"type\":\"note\"},{\"type\":\"note\"}]");
        Files.writeString(dir.resolve("o.json"), "{\"type\":\"note\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParseValidateBenchmark.Result r = new ParseValidateBenchmark().run(
                new ParseValidateBenchmark.Settings(dir, 0, 1, 5), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(3, r.files());
        assertEquals(6, r.objects());
        assertTrue(r.jacksonObjectsPerSecond() > 0 && r.stixObjectsPerSecond() > 0);
        assertEquals(r.stixObjectsPerSecond() / r.jacksonObjectsPerSecond(), r.ratio(), 1e-9);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("RESULT (median of 1)"));
    }
}
