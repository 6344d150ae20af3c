package nl.camiso.conformance.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed benchmark's plumbing (not its speed), on a few hundred indicators and a few clients. */
class FeedBenchmarkTest {

    @Test
    void loadsStartsTheServerMeasuresEveryFormatAndPolls() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeedBenchmark.Result r = FeedBenchmark.run(FeedBenchmark.parseArgs("400", "--clients", "4", "--poll-seconds", "1",
                "--heap", "256m"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(FeedBenchmark.FORMATS, r.feeds().stream().map(FeedBenchmark.FeedResult::format).toList(), out);
        for (FeedBenchmark.FeedResult f : r.feeds()) {
            assertEquals(200, f.status(), out);
            assertTrue(f.firstByteSeconds() > 0 && f.firstByteSeconds() <= f.totalSeconds(), out);
        }
        // 100 of each kind; one domain is under the allow-listed domain
        assertEquals(100, entries(r, "hash-sha256"), out);
        assertEquals(99, entries(r, "domain"), out);
        assertEquals(100, entries(r, "url"), out);
        assertEquals(2 * 99, entries(r, "rpz"), out);
        assertEquals(399, entries(r, "csv"), out);
        assertTrue(entries(r, "ip") >= 90 && entries(r, "ip") <= 100, out);
        assertTrue(entries(r, "stix") >= 390 && entries(r, "stix") <= 400, out);
        assertTrue(r.notModified() > 0 && r.notModified() == r.polls(), out);
        assertTrue(out.contains("304 polls (domain feed, If-None-Match): 4 keep-alive clients"), out);
        assertTrue(out.matches("(?s).*\\nstix +200 .*"), out);
    }

    private static long entries(FeedBenchmark.Result r, String format) {
        return r.feeds().stream().filter(f -> f.format().equals(format)).findFirst().orElseThrow().entries();
    }

    @Test
    void arguments() {
        FeedBenchmark.Settings s = FeedBenchmark.parseArgs();
        assertEquals(1_000_000, s.indicators());
        assertEquals(256, s.clients());
        assertEquals(FeedBenchmark.FORMATS, s.formats());
        s = FeedBenchmark.parseArgs("200000", "--formats", "ip,rpz", "--clients", "8", "--jdbc-url", "jdbc:x");
        assertEquals(200_000, s.indicators());
        assertEquals(List.of("ip", "rpz"), s.formats());
        assertEquals("jdbc:x", s.jdbcUrl());
        assertThrows(IllegalArgumentException.class, () -> FeedBenchmark.parseArgs("--clients"));
        assertThrows(IllegalArgumentException.class, () -> FeedBenchmark.parseArgs("--bogus", "1"));
        assertThrows(IllegalArgumentException.class, () -> FeedBenchmark.parseArgs("2"));
    }
}
