package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.1 Get Collections. */
class CollectionsTest extends TaxiiTestBase {

    /** §2 identifier: an RFC 4122 version 4 UUID. */
    static final Pattern UUID_V4 = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    /** The properties every collection resource must have, with their types (§5.2.1). */
    static void assertCollectionShape(JsonNode c) {
        assertTrue(c.path("id").isTextual() && UUID_V4.matcher(c.path("id").asText()).matches(),
                () -> "collection id must be a v4 UUID: " + c);
        assertTrue(c.path("title").isTextual(), () -> "title is required: " + c);
        assertTrue(c.path("can_read").isBoolean(), () -> "can_read must be a boolean: " + c);
        assertTrue(c.path("can_write").isBoolean(), () -> "can_write must be a boolean: " + c);
        for (String optional : new String[] {"description", "alias"}) {
            if (c.has(optional)) {
                assertTrue(c.get(optional).isTextual(), () -> optional + " must be a string: " + c);
            }
        }
        if (c.has("media_types")) {
            assertTrue(c.get("media_types").isArray() && c.get("media_types").size() > 0,
                    () -> "media_types must be a non-empty list: " + c);
            c.get("media_types").forEach(m -> assertTrue(m.isTextual(), () -> "media type not a string: " + c));
        }
        assertNoEmptyLists(c);
    }

    @Test
    void everyCollectionHasTheRequiredProperties() {
        JsonNode body = getOk(collectionsUrl());
        assertTrue(body.isObject());
        // with no collections the key is omitted; here there is at least the one under test
        assertTrue(body.path("collections").isArray() && body.get("collections").size() > 0,
                "collections list missing or empty: " + body);
        body.get("collections").forEach(CollectionsTest::assertCollectionShape);
    }

    @Test
    void aliasesAreUniqueWithinTheApiRoot() {
        Set<String> aliases = new HashSet<>();
        for (JsonNode c : getOk(collectionsUrl()).path("collections")) {
            if (c.has("alias")) {
                assertTrue(aliases.add(c.get("alias").asText()), "duplicate alias " + c.get("alias"));
            }
        }
    }

    @Test
    void orderIsConsistentAcrossRequests() {
        var first = Json.texts(getOk(collectionsUrl()).path("collections"), "id");
        var second = Json.texts(getOk(collectionsUrl()).path("collections"), "id");
        assertEquals(first, second);
    }

    @Test
    void collectionUnderTestIsListedReadableAndWritable() {
        JsonNode listed = null;
        for (JsonNode c : getOk(collectionsUrl()).path("collections")) {
            if (c.path("id").asText().equals(target().rwCollection())) {
                listed = c;
            }
        }
        assertTrue(listed != null, "collection " + target().rwCollection() + " not listed");
        assertTrue(listed.path("can_read").asBoolean() && listed.path("can_write").asBoolean(), listed.toString());
    }
}
