package nl.camiso.server.setup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import nl.camiso.stix.StixJson;
import nl.camiso.stix.marking.TlpMarkings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sample data obeys the same rules as a client's: the real server, started on a copy of the sample
 * configuration whose ndn-green file also holds an AMBER indicator and a relationship to it, and whose
 * ferm-green file (loaded after ndn-amber) a relationship to an object of ndn-amber, which not every
 * FERM member may read. All three are refused; everything else is loaded.
 */
class SampleLoaderTest {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String AMBER_INDICATOR = "indicator--0b7e3f0e-52a4-4d6f-9d64-2f5b1c2e7a11";
    static final String RELATIONSHIP = "relationship--4f3c2a1b-8d7e-4c6b-a5f4-3e2d1c0b9a87";
    static final String RELATIONSHIP_TO_AMBER_SIBLING = "relationship--9a1d6c3e-2b7f-4e8a-b5c4-1d2e3f4a5b6c";

    @TempDir
    Path dir;

    @Test
    void sampleObjectsThatBreakTheIngestRulesAreNotLoaded() throws IOException {
        Path samples = Files.isRegularFile(Path.of("..", "samples", "camiso.yaml")) ? Path.of("..", "samples") : Path.of("samples");
        Path config = dir.resolve("config");
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(samples.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path green = config.resolve("stix/ndn-green.json");
        ObjectNode bundle = (ObjectNode) StixJson.parse(Files.readAllBytes(green));
        ArrayNode objects = (ArrayNode) bundle.get("objects");
        int good = objects.size();
        objects.add(StixJson.parse("""
                {"type":"indicator","spec_version":"2.1","id":"%s","created":"2026-11-21T10:00:00.000Z",
                 "modified":"2026-11-21T10:00:00.000Z","name":"AMBER in a GREEN collection","indicator_types":["malicious-activity"],
                 "pattern":"[ipv4-addr:value = '198.51.100.77']","pattern_type":"stix","valid_from":"2026-11-21T10:00:00Z",
                 "object_marking_refs":["%s"]}""".formatted(AMBER_INDICATOR, TlpMarkings.TLP2_AMBER)));
        objects.add(StixJson.parse("""
                {"type":"relationship","spec_version":"2.1","id":"%s","created":"2026-11-21T10:00:00.000Z",
                 "modified":"2026-11-21T10:00:00.000Z","relationship_type":"related-to",
                 "source_ref":"%s","target_ref":"%s"}""".formatted(RELATIONSHIP_TO_AMBER_SIBLING,
                objects.get(0).path("id").asText(), AMBER_INDICATOR)));
        Files.write(green, StixJson.writeBytes(bundle));

        Path fermGreen = config.resolve("stix/ferm-green.json");
        ObjectNode ferm = (ObjectNode) StixJson.parse(Files.readAllBytes(fermGreen));
        ArrayNode fermObjects = (ArrayNode) ferm.get("objects");
        int fermGood = fermObjects.size();
        String fermIndicator = null;
        for (var o : fermObjects) {
            if (fermIndicator == null && "indicator".equals(o.path("type").asText())) {
                fermIndicator = o.path("id").asText();
            }
        }
        fermObjects.add(StixJson.parse("""
                {"type":"relationship","spec_version":"2.1","id":"%s","created":"2026-11-21T10:00:00.000Z",
                 "modified":"2026-11-21T10:00:00.000Z","relationship_type":"related-to",
                 "source_ref":"%s","target_ref":"%s"}""".formatted(RELATIONSHIP, fermIndicator, amberObjectId(config))));
        Files.write(fermGreen, StixJson.writeBytes(ferm));

        try (CamisoServer server = CamisoServer.start(new ServerOptions(config.resolve("camiso.yaml"), "127.0.0.1", 0,
                dir.resolve("data"), null, null, null, null, null, true))) {
            List<String> ids = objectIds(server, "ndn-green");
            assertEquals(good, ids.size(), ids.toString());
            assertFalse(ids.contains(AMBER_INDICATOR), "stricter than its collection");
            assertFalse(ids.contains(RELATIONSHIP_TO_AMBER_SIBLING), "refers to an object of its envelope that is refused here");
            List<String> fermIds = objectIds(server, "ferm-green");
            assertEquals(fermGood, fermIds.size(), fermIds.toString());
            assertFalse(fermIds.contains(RELATIONSHIP), "refers to what not every reader of ferm-green sees");
            assertTrue(fermIds.contains(fermIndicator));
        }
    }

    private static List<String> objectIds(CamisoServer server, String collection) {
        return given().baseUri(server.baseUri().toString()).auth().preemptive().basic("admin", "camiso-demo")
                .accept(TAXII).get("ndn/collections/" + collection + "/objects/?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("objects.id", String.class);
    }

    /** An object of the sample ndn-amber collection, which GREEN readers cannot see. */
    private static String amberObjectId(Path config) throws IOException {
        for (var o : StixJson.parse(Files.readAllBytes(config.resolve("stix/ndn-amber.json"))).path("objects")) {
            if (!"marking-definition".equals(o.path("type").asText()) && !"identity".equals(o.path("type").asText())) {
                return o.path("id").asText();
            }
        }
        throw new AssertionError("ndn-amber.json holds no object to refer to");
    }
}
