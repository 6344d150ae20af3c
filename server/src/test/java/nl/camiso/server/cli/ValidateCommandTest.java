package nl.camiso.server.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code camiso validate}: output lines, summary and exit codes 0/1/2, files and stdin. */
class ValidateCommandTest {

    private static final String VALID_BUNDLE = """
            {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
               "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","name":"C2 IP",
               "indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '198.51.100.7']",
               "pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}]}
            """;

    /** modified before created, and an empty list. */
    private static final String INVALID_OBJECT = """
            {"type":"malware","spec_version":"2.1","id":"malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
             "created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:26.000Z",
             "name":"Cryptolocker","is_family":true,"aliases":[]}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validFileExitsZeroWithSummary() throws Exception {
        Path f = write("good.json", VALID_BUNDLE);
        assertEquals(0, Main.run("validate", f.toString()));
        assertTrue(out().contains("1 file, 1 object: 0 errors, 0 warnings"), out());
    }

    @Test
    void invalidFileExitsOneAndPrintsEachErrorWithFileIdAndPath() throws Exception {
        Path good = write("good.json", VALID_BUNDLE);
        Path bad = write("bad.json", INVALID_OBJECT);
        assertEquals(1, Main.run("validate", good.toString(), bad.toString()));
        String id = "malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
        assertTrue(out().contains(bad + ": " + id + ": modified: error: 'modified'"), out());
        assertTrue(out().contains(bad + ": " + id + ": aliases: error: must not be an empty list"), out());
        assertTrue(out().contains("2 files, 2 objects: 2 errors, 0 warnings"), out());
    }

    @Test
    void warningsAloneDoNotFailAndCanBeHidden() throws Exception {
        Path f = write("warn.json", VALID_BUNDLE.replace("malicious-activity", "not-in-vocabulary"));
        assertEquals(0, Main.run("validate", f.toString()));
        assertTrue(out().contains("indicator_types[0]: warning: 'not-in-vocabulary'"), out());
        stdout.reset();
        assertEquals(0, Main.run("validate", "--errors-only", f.toString()));
        assertFalse(out().contains("warning:"), out());
        assertTrue(out().contains("0 errors, 1 warning"), out());
    }

    @Test
    void readsStandardInput() {
        System.setIn(new ByteArrayInputStream(INVALID_OBJECT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, Main.run("validate", "-"));
        assertTrue(out().contains("<stdin>: malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061: aliases: error:"), out());
    }

    @Test
    void missingFileExitsTwoAndSaysWhich() throws Exception {
        Path good = write("good.json", VALID_BUNDLE);
        Path missing = dir.resolve("nope.json");
        assertEquals(2, Main.run("validate", missing.toString(), good.toString()));
        assertTrue(err().contains(missing + ": cannot read: no such file"), err());
        assertTrue(out().contains("1 unreadable"), out());
    }

    @Test
    void malformedJsonExitsTwoWithTheParserReasonAndLine() throws Exception {
        Path broken = write("broken.json", "{\"type\": \"bundle\",\n \"objects\": [\n");
        assertEquals(2, Main.run("validate", broken.toString()));
        assertTrue(err().startsWith(broken + ": not valid JSON: "), err());
        assertTrue(err().contains("(line "), err());
    }

    @Test
    void malformedJsonOnStdinExitsTwo() {
        System.setIn(new ByteArrayInputStream("[1, 2".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, Main.run("validate", "-"));
        assertTrue(err().startsWith("<stdin>: not valid JSON"), err());
    }
}
