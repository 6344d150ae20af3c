package nl.camiso.conformance.bench;

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

/** The parse + validate benchmark's plumbing (not its speed): arguments, counting, output, errors. */
class ParseValidateBenchmarkTest {

    @Test
    void measuresADirectoryAndPrintsBothThroughputsAndTheRatio(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/bundle.json"), "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
                + "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\",\"value\":\"198.51.100.3\"},"
                + "{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":\"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7\",\"value\":\"example.com\"}]}");
        Files.writeString(dir.resolve("notes.txt"), "not json, not counted");
        Files.writeString(dir.resolve("broken.json"), "{\"type\":");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParseValidateBenchmark.Result r = new ParseValidateBenchmark().run(
                ParseValidateBenchmark.parseArgs(dir.toString(), "--warmup", "1", "--rounds", "2", "--min-round-ms", "20"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, r.objects());
        assertTrue(out.contains("1 files") && out.contains("2 objects"), out);
        assertTrue(out.contains("skipped (not STIX JSON)") && out.contains("broken.json"), out);
        assertTrue(out.contains("round 2: (a) jackson readTree"), out);
        assertTrue(out.matches("(?s).*RESULT \\(median of 2\\): \\(a\\) plain Jackson [\\d,]+ objects/s, \\(b\\) parse \\+ full validation [\\d,]+ objects/s, b/a = [\\d.]+%.*"),
                out);
    }

    @Test
    void missingOrEmptyDirectoryAndBadSettingsAreClearErrors(@TempDir Path dir) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Exception missing = assertThrows(Exception.class, () -> new ParseValidateBenchmark().run(
                ParseValidateBenchmark.parseArgs(dir.resolve("nope").toString(), "--warmup", "0", "--rounds", "1"), quiet));
        assertTrue(missing.getMessage().contains("not a directory"), missing.getMessage());

        Exception empty = assertThrows(Exception.class, () -> new ParseValidateBenchmark().run(
                ParseValidateBenchmark.parseArgs(dir.toString(), "--warmup", "0", "--rounds", "1", "--min-round-ms", "1"), quiet));
        assertTrue(empty.getMessage().contains("no STIX objects"), empty.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ParseValidateBenchmark.parseArgs(dir.toString(), "--rounds", "0"));
        assertThrows(IllegalArgumentException.class, () -> ParseValidateBenchmark.parseArgs(dir.toString(), "--bogus"));
    }

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
