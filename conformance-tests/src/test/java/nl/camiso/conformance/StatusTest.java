package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** §4.3 Get Status. */
class StatusTest extends TaxiiTestBase {

    @Test
    void statusOfAPostIsReadableLater() {
        JsonNode posted = add(Stix.indicator(), Stix.malware());
        String id = posted.get("id").asText();
        JsonNode status = getOk(statusUrl(id));
        ObjectsPostTest.assertStatusShape(status);
        assertEquals(id, status.get("id").asText());
        assertEquals("complete", status.get("status").asText());
        assertEquals(2, status.get("total_count").asInt());
        assertEquals(2, status.get("success_count").asInt());
        assertEquals(posted.path("successes"), status.path("successes"));
    }

    @Test
    void unknownStatusIs404() {
        assertError(get(statusUrl(UUID.randomUUID().toString())), 404);
    }

    @Test
    void statusIsNotReadableByAnotherUser() {
        assumeConfigured("user without access (-Dtaxii.user.noaccess)", target().noAccessUser());
        String id = add(Stix.indicator()).get("id").asText();
        assertError(as(target().noAccessUser(), target().noAccessPassword()).get(statusUrl(id)), 403, 404);
    }
}
