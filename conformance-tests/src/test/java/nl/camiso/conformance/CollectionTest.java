package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.2 Get a Collection. */
class CollectionTest extends TaxiiTestBase {

    @Test
    void readWriteCollectionHasItsShapeAndAccess() {
        JsonNode c = getOk(collectionUrl(target().rwCollection()));
        CollectionsTest.assertCollectionShape(c);
        assertEquals(target().rwCollection(), c.get("id").asText());
        assertTrue(c.get("can_read").asBoolean());
        assertTrue(c.get("can_write").asBoolean());
    }

    @Test
    void sameResourceAsInTheCollectionsList() {
        JsonNode single = getOk(collectionUrl(target().rwCollection()));
        for (JsonNode listed : getOk(collectionsUrl()).path("collections")) {
            if (listed.path("id").asText().equals(target().rwCollection())) {
                assertEquals(listed, single);
            }
        }
    }

    @Test
    void readOnlyCollectionSaysCanWriteFalse() {
        assumeConfigured("read-only collection", target().roCollection());
        JsonNode c = getOk(collectionUrl(target().roCollection()));
        CollectionsTest.assertCollectionShape(c);
        assertTrue(c.get("can_read").asBoolean());
        assertFalse(c.get("can_write").asBoolean());
    }

    @Test
    void unknownCollectionIs404() {
        assertError(get(collectionUrl(UUID.randomUUID().toString())), 404);
    }

    @Test
    void malformedCollectionIdIs404Or400() {
        assertError(get(collectionUrl("not-a-collection")), 400, 404);
    }
}
