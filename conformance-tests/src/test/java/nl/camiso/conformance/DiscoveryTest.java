package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4.1 Server Discovery at {@code /taxii2/}. */
class DiscoveryTest extends TaxiiTestBase {

    @Test
    void discoveryIsAtTaxii2OnTheServerRoot() {
        JsonNode discovery = getOk(discoveryUrl());
        assertTrue(discovery.path("title").isTextual(), "title is required: " + discovery);
        for (String optional : List.of("description", "contact", "default")) {
            if (discovery.has(optional)) {
                assertTrue(discovery.get(optional).isTextual(), optional + " must be a string");
            }
        }
        assertNoEmptyLists(discovery);
    }

    @Test
    void apiRootUrlsAreAbsoluteOrRootRelativeAndHaveNoQuery() {
        JsonNode roots = getOk(discoveryUrl()).path("api_roots");
        for (JsonNode root : roots) {
            assertTrue(root.isTextual(), "api_roots holds strings");
            String url = root.asText();
            boolean absolute = url.startsWith("https://") || url.startsWith("http://");
            boolean rootRelative = url.startsWith("/") && !url.startsWith("//");
            assertTrue(absolute || rootRelative, "api_roots entry neither absolute nor /-relative: " + url);
            assertFalse(url.startsWith("../"), url);
            assertFalse(url.contains("?"), "api_roots entry with a query: " + url);
        }
    }

    @Test
    void defaultIsOneOfTheApiRoots() {
        JsonNode discovery = getOk(discoveryUrl());
        if (discovery.has("default")) {
            List<String> roots = Json.texts(discovery.path("api_roots"));
            assertTrue(roots.contains(discovery.get("default").asText()),
                    "default must be an item of api_roots: " + discovery);
        }
    }
}
