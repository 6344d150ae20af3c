package nl.camiso.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchStixCommandTest {

    @Test
    void measuresADirectoryAndPrintsBothThroughputsAndTheRatio(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/bundle.json"), "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
                + "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\",\"value\":\"198.51.100.3\"},"
                + "{\"type\":\"domain-name\",\"spec_version\":\"2.1\",\"id\":\"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7\",\"value\":\"example.com\"}]}");
        Files.writeString(dir.resolve("notes.txt"), "not json, not counted");
        Files.writeString(dir.resolve("broken.json"), "{\"type\":");

        CliRun r = CliRun.of("bench-stix", dir.toString(), "--warmup", "1", "--rounds", "2", "--min-round-ms", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 files") && r.out().contains("2 objects"), r.out());
        assertTrue(r.out().contains("skipped (not STIX JSON)") && r.out().contains("broken.json"), r.out());
        assertTrue(r.out().contains("round 2: (a) jackson readTree"), r.out());
        assertTrue(r.out().matches("(?s).*RESULT \\(median of 2\\): \\(a\\) plain Jackson [\\d,]+ objects/s, \\(b\\) parse \\+ full validation [\\d,]+ objects/s, b/a = [\\d.]+%.*"),
                r.out());
    }

    @Test
    void missingOrEmptyDirectoryIsAClearError(@TempDir Path dir) {
        CliRun missing = CliRun.of("bench-stix", dir.resolve("nope").toString(), "--warmup", "0", "--rounds", "1", "--min-round-ms", "1");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("not a directory"), missing.err());

        CliRun empty = CliRun.of("bench-stix", dir.toString(), "--warmup", "0", "--rounds", "1", "--min-round-ms", "1");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("no STIX objects"), empty.err());

        CliRun badRounds = CliRun.of("bench-stix", dir.toString(), "--rounds", "0");
        assertEquals(2, badRounds.code());
    }

    @Test
    void isListedInTheHelp() {
        CliRun r = CliRun.of("--help");
        assertTrue(r.out().contains("bench-stix"), r.out());
    }
}
