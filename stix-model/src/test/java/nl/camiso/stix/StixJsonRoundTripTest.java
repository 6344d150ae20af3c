package nl.camiso.stix;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in the shared corpus reads and writes back exactly. */
class StixJsonRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusFileRoundTrips() {
        Path root = TestCorpus.dir();
        return TestCorpus.jsonFiles().stream().map(file -> DynamicTest.dynamicTest(
                root.relativize(file).toString(), () -> roundTrip(file)));
    }

    private static void roundTrip(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        JsonNode tree = StixJson.parse(original);
        byte[] written = StixJson.writeBytes(tree);
        JsonFidelity.Counts counts = JsonFidelity.assertSameJson(file.getFileName().toString(), original, written);
        assertTrue(counts.tokens() > 0, "nothing compared");
        assertEquals(tree, StixJson.parse(written), "tree equality (order-blind; the token check above covers order)");

    }
}
