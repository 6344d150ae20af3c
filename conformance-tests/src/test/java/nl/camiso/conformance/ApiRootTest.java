package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4.2 Get API Root Information. */
class ApiRootTest extends TaxiiTestBase {

    @Test
    void apiRootHasTitleVersionsAndMaxContentLength() {
        JsonNode root = getOk(apiRootUrl());
        assertTrue(root.path("title").isTextual(), "title is required: " + root);
        assertTrue(root.path("versions").isArray(), "versions is required: " + root);
        assertTrue(Json.texts(root.path("versions")).contains(TAXII),
                "versions must include " + TAXII + ": " + root);
        JsonNode max = root.path("max_content_length");
        assertTrue(max.isIntegralNumber() && max.asLong() > 0 && max.asLong() <= 9007199254740991L,
                "max_content_length must be an integer > 0: " + root);
        if (root.has("description")) {
            assertTrue(root.get("description").isTextual());
        }
        assertNoEmptyLists(root);
    }

    @Test
    void unknownApiRootIs404() {
        assertError(get(target().base().resolve("no-such-root-" + UUID.randomUUID() + "/").toString()), 404);
    }
}
