package nl.camiso.stix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleTest {

    private static List<StixObject> parse(String json) throws IOException {
        return Bundle.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bundleArrayAndSingleObjectAllGiveTheirObjects() throws IOException {
        String a = "{\"type\":\"indicator\",\"id\":\"indicator--a\"}";
        String b = "{\"type\":\"x-custom\",\"id\":\"x-custom--b\"}";
        assertEquals(List.of("indicator--a", "x-custom--b"),
                parse("{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[" + a + "," + b + "]}").stream().map(StixObject::id).toList());
        assertEquals(List.of("indicator--a", "x-custom--b"), parse("[" + a + "," + b + "]").stream().map(StixObject::id).toList());
        assertEquals(List.of("indicator--a"), parse(a).stream().map(StixObject::id).toList());
        assertEquals(List.of(), parse("{\"type\":\"bundle\",\"id\":\"bundle--1\"}"));
        assertEquals(List.of(), parse("[]"));
    }

    @Test
    void objectsShareTheParsedTree() throws IOException {
        var tree = StixJson.parse("{\"type\":\"bundle\",\"objects\":[{\"type\":\"note\"}]}");
        assertSame(tree.get("objects").get(0), Bundle.objectsOf(tree).get(0).json());
    }

    @Test
    void wrongShapesGiveClearErrors() {
        assertEquals("objects[1] must be a STIX object (a JSON object), got a string",
                assertThrows(IllegalArgumentException.class, () -> parse("{\"type\":\"bundle\",\"objects\":[{},\"x\"]}")).getMessage());
        assertEquals("[0] must be a STIX object (a JSON object), got a number",
                assertThrows(IllegalArgumentException.class, () -> parse("[1]")).getMessage());
        assertEquals("bundle 'objects' must be an array, got an object",
                assertThrows(IllegalArgumentException.class, () -> parse("{\"type\":\"bundle\",\"objects\":{}}")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("\"bundle\"")).getMessage().contains("got a string"));
        assertThrows(IOException.class, () -> parse("{\"type\":"));
    }

    @Test
    void corpusShapes() throws IOException {
        assertEquals(82, Bundle.read(TestCorpus.file("oasis-python-stix2/sco-examples-bundle.json")).size(), "a bare array");
        List<StixObject> one = Bundle.read(TestCorpus.file("oasis-json-schemas-examples/interop-objectmarking-test.json"));
        assertEquals(1, one.size(), "a bare object");
        assertEquals("campaign", one.get(0).type());
        assertEquals(155, Bundle.read(TestCorpus.file("oasis-cti-documentation/poisonivy.json")).size());
    }
}
