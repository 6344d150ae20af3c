package nl.camiso.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code camiso import}: offline into a fresh H2 data directory, and over HTTP into a real
 * in-process server; objects are read back over TAXII afterwards.
 */
class ImportCommandTest {

    static final String GREEN = "deeadbed-fb79-43d2-8a28-43cf9e91a347"; // ndn-green of the sample configuration
    static final String TS = "2026-11-01T10:00:00.000Z";
    static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) objects: (\\d+) stored(?: \\(\\d+ with a warning\\))?, (\\d+) already present, (\\d+) refused");

    @TempDir
    Path dir;

    /** Indicators marked with a statement marking listed last, relationships after their targets, two bad objects. */
    record Generated(Path file, Set<String> goodIds, int objects) {
    }

    static Generated bundle(Path file, int indicators) throws IOException {
        ObjectNode bundle = StixJson.mapper().createObjectNode();
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode objects = bundle.putArray("objects");
        String statement = "marking-definition--" + UUID.randomUUID();
        Set<String> good = new HashSet<>();
        for (int i = 0; i < indicators; i++) {
            ObjectNode o = indicator("[ipv4-addr:value = '198.51.100." + (i % 250) + "']");
            o.putArray("object_marking_refs").add(statement).add(TlpMarkings.TLP2_GREEN);
            objects.add(o);
            good.add(o.path("id").asText());
        }
        for (int i = 0; i + 1 < indicators && i < 40; i += 2) {
            ObjectNode r = sdo("relationship");
            r.put("relationship_type", "related-to");
            r.put("source_ref", objects.get(i).path("id").asText());
            r.put("target_ref", objects.get(i + 1).path("id").asText());
            objects.add(r);
            good.add(r.path("id").asText());
        }
        objects.add(indicator("[this is not a pattern")); // invalid: refused by the validator
        ObjectNode red = indicator("[domain-name:value = 'red.example']");
        red.putArray("object_marking_refs").add(TlpMarkings.TLP2_RED); // stricter than the GREEN collection
        objects.add(red);
        ObjectNode marking = StixJson.mapper().createObjectNode();
        marking.put("type", "marking-definition");
        marking.put("spec_version", "2.1");
        marking.put("id", statement);
        marking.put("created", TS);
        marking.put("definition_type", "statement");
        marking.putObject("definition").put("statement", "Copyright 2026, import test");
        objects.add(marking); // last: the import must send it first
        good.add(statement);
        bundle.put("type", "bundle"); // after the objects: allowed, and only known at the end of the file
        Files.write(file, StixJson.writeBytes(bundle));
        return new Generated(file, good, objects.size());
    }

    static ObjectNode indicator(String pattern) {
        ObjectNode o = sdo("indicator");
        o.put("pattern", pattern);
        o.put("pattern_type", "stix");
        o.put("valid_from", TS);
        return o;
    }

    static ObjectNode sdo(String type) {
        ObjectNode o = StixJson.mapper().createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + UUID.randomUUID());
        o.put("created", TS);
        o.put("modified", TS);
        return o;
    }

    /** [objects, stored, already present, refused] of the summary line for a file. */
    static int[] summary(CliRun run) {
        Matcher m = SUMMARY.matcher(run.out());
        assertTrue(m.find(), run.out() + run.err());
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))};
    }

    CliRun offline(String... args) {
        return CliRun.withDataDir(dir.resolve("data"), args);
    }

    @Test
    void offlineImportStoresThroughTheIntakeRulesAndObjectsAreReadableOverTaxii() throws Exception {
        Generated g = bundle(dir.resolve("gen.json"), 120);
        CliRun run = offline("import", g.file().toString(), "--collection", "ndn-green", "--as", "admin", "--batch", "40");
        assertEquals(1, run.code(), run.out() + run.err());
        assertEquals(List.of(g.objects(), g.goodIds().size(), 0, 2), List.of(summary(run)[0], summary(run)[1],
                summary(run)[2], summary(run)[3]), run.out());
        assertTrue(run.out().contains("refused 1x: object is TLP:RED, collection ndn-green is TLP:GREEN"), run.out());
        assertTrue(run.out().contains("refused 1x: pattern"), run.out());
        assertTrue(run.err().contains("/" + g.objects() + " objects (100%)"), "progress on stderr: " + run.err());

        CliRun again = offline("import", g.file().toString(), "--collection", GREEN, "--as", "admin");
        assertEquals(List.of(g.objects(), 0, g.goodIds().size(), 2), List.of(summary(again)[0], summary(again)[1],
                summary(again)[2], summary(again)[3]), again.out());

        String audit = offline("audit", "list").out();
        assertTrue(audit.contains("write\tpartial\tactor=admin@ndn\tfrom=local: camiso import\troot=ndn\tcollection=" + GREEN),
                "the writes are audited as the account: " + audit);
        assertTrue(audit.contains("ingest-refused\tfailure\tactor=admin@ndn"), audit);

        try (CamisoServer server = start(null)) {
            Set<String> ids = readAll(server, GREEN);
            assertTrue(ids.containsAll(g.goodIds()), "every stored object is readable over TAXII");
            assertEquals(g.goodIds().size(), ids.size());
        }
    }

    @Test
    void offlineImportActsAsTheAccountAndRefusesBadInputCleanly() throws Exception {
        Generated g = bundle(dir.resolve("gen.json"), 3);
        CliRun noWrite = offline("import", g.file().toString(), "--collection", "ndn-red", "--as", "ferm-analyst");
        assertEquals(2, noWrite.code());
        assertTrue(noWrite.err().contains("account 'ferm-analyst' may not add objects to collection ndn/ndn-red"),
                noWrite.err());
        CliRun noCollection = offline("import", g.file().toString(), "--collection", "nope", "--as", "admin");
        assertEquals(2, noCollection.code());
        assertTrue(noCollection.err().contains("no collection 'nope'"), noCollection.err());
        CliRun noAccount = offline("import", g.file().toString(), "--collection", "ndn-green", "--as", "nobody");
        assertEquals(2, noAccount.code());
        assertTrue(noAccount.err().contains("no account 'nobody'"), noAccount.err());

        assertTrue(CliRun.of("--help").out().contains("import "), "listed in camiso --help");

        Path array = Files.writeString(dir.resolve("array.json"), "[{\"type\": \"indicator\"}]");
        Path notBundle = Files.writeString(dir.resolve("identity.json"), "{\"type\": \"identity\", \"objects\": []}");
        Path broken = dir.resolve("broken.json");
        Files.write(broken, Files.readString(g.file()).replaceFirst("\"type\":\"indicator\"", "\"type\" \"indicator\"")
                .getBytes(StandardCharsets.UTF_8));
        CliRun bad = offline("import", array.toString(), notBundle.toString(), broken.toString(),
                dir.resolve("missing.json").toString(), "--collection", "ndn-green", "--as", "admin");
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("array.json: not a STIX bundle: the file holds a JSON array"), bad.err());
        assertTrue(bad.err().contains("identity.json: not a STIX bundle: its \"type\" is identity"), bad.err());
        assertTrue(bad.err().contains("broken.json: not valid JSON: ") && bad.err().contains("(line 1, column "),
                bad.err());
        assertTrue(bad.err().contains("missing.json: cannot read: no such file"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
        try (CamisoServer server = start(null)) {
            assertEquals(Set.of(), readAll(server, GREEN), "nothing written from a broken file");
        }
    }

    /** Over HTTP with a small max_content_length: envelopes split by size, none refused as too large. */
    @Test
    void importOverHttpIntoARunningServer() throws Exception {
        Path config = smallEnvelopeConfig(60_000);
        Generated g = bundle(dir.resolve("gen.json"), 300); // ~130 KB: at least three envelopes
        Path password = Files.writeString(dir.resolve("pw"), "camiso-demo\n");
        try (CamisoServer server = start(config)) {
            String url = "http://127.0.0.1:" + server.port();
            CliRun run = CliRun.of("import", g.file().toString(), "--collection", "ndn-green", "--url", url,
                    "--user", "admin", "--password-file", password.toString());
            assertEquals(1, run.code(), run.out() + run.err());
            int[] s = summary(run);
            assertEquals(List.of(g.objects(), g.goodIds().size(), 0, 2), List.of(s[0], s[1], s[2], s[3]), run.out());
            assertFalse(run.out().contains("envelope refused"), run.out());
            assertTrue(run.err().lines().count() >= 3, "one progress line per envelope: " + run.err());
            assertEquals(g.goodIds(), readAll(server, GREEN));

            CliRun wrongPassword = CliRun.of("import", g.file().toString(), "--collection", "ndn-green", "--url", url,
                    "--user", "admin", "--password-file", Files.writeString(dir.resolve("bad"), "wrong").toString());
            assertEquals(2, wrongPassword.code());
            assertTrue(wrongPassword.err().contains("refused the credentials (401)"), wrongPassword.err());
            CliRun noWrite = CliRun.of("import", g.file().toString(), "--collection", "ndn-green", "--url", url,
                    "--user", "supervisor", "--password-file", password.toString());
            assertEquals(2, noWrite.code(), noWrite.err());
            assertTrue(noWrite.err().contains("no collection 'ndn-green'") || noWrite.err().contains("may not add"),
                    noWrite.err());
        }
    }

    /** {@code -} reads the bundle from standard input: offline, then again over --url, and a broken one. */
    @Test
    void standardInputIsImportedLikeAFile() throws Exception {
        Generated g = bundle(dir.resolve("gen.json"), 10);
        Path password = Files.writeString(dir.resolve("pw"), "camiso-demo\n");
        CliRun offline = withStdin(Files.readAllBytes(g.file()),
                () -> offline("import", "-", "--collection", "ndn-green", "--as", "admin"));
        assertEquals(1, offline.code(), offline.out() + offline.err());
        assertTrue(offline.out().startsWith("stdin: " + g.objects() + " objects: " + g.goodIds().size() + " stored"),
                offline.out());
        assertTrue(offline.err().contains("import stdin: " + g.objects() + "/" + g.objects()), offline.err());

        try (CamisoServer server = start(null)) {
            String url = "http://127.0.0.1:" + server.port();
            CliRun overHttp = withStdin(Files.readAllBytes(g.file()), () -> CliRun.of("import", "-",
                    "--collection", "ndn-green", "--url", url, "--user", "admin", "--password-file", password.toString()));
            assertEquals(List.of(g.objects(), 0, g.goodIds().size(), 2), List.of(summary(overHttp)[0],
                    summary(overHttp)[1], summary(overHttp)[2], summary(overHttp)[3]), overHttp.out() + overHttp.err());
            assertEquals(g.goodIds(), readAll(server, GREEN));
        }

        CliRun broken = withStdin("{\"type\": \"bundle\", \"objects\": [".getBytes(StandardCharsets.UTF_8),
                () -> offline("import", "-", "--collection", "ndn-green", "--as", "admin"));
        assertEquals(2, broken.code());
        assertTrue(broken.err().contains("camiso import: stdin: not valid JSON: "), broken.err());
        assertFalse(broken.err().contains("camiso-import-stdin-"), "the temporary copy is not named: " + broken.err());
        CliRun twice = offline("import", "-", "-", "--collection", "ndn-green", "--as", "admin");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("can be given only once"), twice.err());
    }

    private static CliRun withStdin(byte[] input, java.util.function.Supplier<CliRun> run) {
        java.io.InputStream oldIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input));
            return run.get();
        } finally {
            System.setIn(oldIn);
        }
    }

    /**
     * A real feed (MITRE ATT&CK ICS) offline in file order. Today relationships whose targets come
     * later in the file are refused by the reference rule; a second run stores them (their targets
     * are there by then). The counts are printed for the report.
     */
    @Test
    void attackIcsFromTheCorpus() throws Exception {
        String corpus = System.getProperty("camiso.corpus.dir");
        Assumptions.assumeTrue(corpus != null, "camiso.corpus.dir not set");
        Path ics = Path.of(corpus, "mitre-attack", "ics-attack-18.1.json");
        Assumptions.assumeTrue(Files.isRegularFile(ics), "corpus absent: " + ics);
        int total = BundleStream.scan(ics).objects();
        CliRun first = offline("import", ics.toString(), "--collection", "ndn-green", "--as", "admin");
        System.out.println("ATT&CK ICS, first run:\n" + first.out());
        int[] s = summary(first);
        assertEquals(total, s[0]);
        assertEquals(total, s[1] + s[3]);
        if (s[3] > 0) {
            assertEquals(1, first.code());
            assertTrue(first.out().lines().filter(l -> l.startsWith("  refused")).allMatch(l -> l.contains("refers to")),
                    "only references to objects not stored yet are refused: " + first.out());
        }
        CliRun second = offline("import", ics.toString(), "--collection", "ndn-green", "--as", "admin");
        System.out.println("ATT&CK ICS, second run:\n" + second.out());
        assertEquals(0, second.code(), second.out());
        int[] s2 = summary(second);
        assertEquals(List.of(total, s[3], s[1], 0), List.of(s2[0], s2[1], s2[2], s2[3]));
        try (CamisoServer server = start(null)) {
            assertEquals(total, readAll(server, GREEN).size());
        }
    }

    private Path smallEnvelopeConfig(long maxContentLength) throws IOException {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        Path copy = dir.resolve("samples");
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(samples.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path yaml = copy.resolve("camiso.yaml");
        String text = Files.readString(yaml);
        assertTrue(text.contains("max_content_length: 10485760"));
        Files.writeString(yaml, text.replace("max_content_length: 10485760", "max_content_length: " + maxContentLength));
        return yaml;
    }

    private CamisoServer start(Path config) {
        return CamisoServer.start(new ServerOptions(config, "127.0.0.1", 0, dir.resolve("data"), null, null, null,
                null, null, false));
    }

    /** Every object id in the collection, paging through Get Objects as admin. */
    static Set<String> readAll(CamisoServer server, String collection) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> ids = new HashSet<>();
        String next = null;
        do {
            URI uri = server.baseUri().resolve("ndn/collections/" + collection + "/objects/?limit=500"
                    + (next == null ? "" : "&next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)));
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).header("Accept", HttpTarget.TAXII)
                    .header("Authorization", HttpTarget.basic("admin", "camiso-demo")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            JsonNode page = StixJson.parse(r.body());
            page.path("objects").forEach(o -> ids.add(o.path("id").asText()));
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        return ids;
    }
}
