package nl.camiso.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real data: ATT&CK for ICS 15.1 then 18.1 (same ids, newer {@code modified}). The ids are
 * replaced by fresh ones (the same fresh id for both versions) so runs stay independent.
 */
class CorpusVersionsTest extends TaxiiTestBase {

    private static final Set<String> TYPES = Set.of("attack-pattern", "course-of-action", "malware");

    @Test
    void attackIcs151Then181GivesTwoVersionsEach() throws IOException {
        Path dir = Path.of(System.getProperty("camiso.corpus.dir", "/nonexistent"), "mitre-attack");
        Path older = dir.resolve("ics-attack-15.1.json");
        Path newer = dir.resolve("ics-attack-18.1.json");
        assumeTrue(Files.isReadable(older) && Files.isReadable(newer), "ATT&CK ICS corpus not present: " + dir);

        Map<String, JsonNode> before = new HashMap<>();
        for (JsonNode o : Json.MAPPER.readTree(older.toFile()).path("objects")) {
            before.put(o.path("id").asText(), o);
        }
        List<ObjectNode> v1 = new ArrayList<>();
        List<ObjectNode> v2 = new ArrayList<>();
        // ATT&CK marks every object with its copyright statement: send the definition along, as a
        // producer should, so that a server enforcing markings knows what it is
        List<ObjectNode> markings = new ArrayList<>();
        for (JsonNode o : Json.MAPPER.readTree(newer.toFile()).path("objects")) {
            if (o.path("type").asText().equals("marking-definition")) {
                markings.add((ObjectNode) o);
            }
        }
        for (JsonNode o : Json.MAPPER.readTree(newer.toFile()).path("objects")) {
            JsonNode old = before.get(o.path("id").asText());
            if (v1.size() < 12 && TYPES.contains(o.path("type").asText()) && old != null
                    && !old.path("modified").equals(o.path("modified"))) {
                String fresh = o.path("type").asText() + "--" + UUID.randomUUID();
                v1.add(((ObjectNode) old.deepCopy()).put("id", fresh));
                v2.add(((ObjectNode) o.deepCopy()).put("id", fresh));
            }
        }
        assumeTrue(v1.size() == 12, "not enough changed objects in the corpus");
        List<ObjectNode> first = new ArrayList<>(markings);
        first.addAll(v1);
        List<ObjectNode> second = new ArrayList<>(markings);
        second.addAll(v2);
        add(first.toArray(ObjectNode[]::new));
        add(second.toArray(ObjectNode[]::new));

        for (int i = 0; i < v1.size(); i++) {
            String id = idOf(v1.get(i));
            String oldVersion = v1.get(i).path("modified").asText();
            String newVersion = v2.get(i).path("modified").asText();
            assertEquals(Set.of(oldVersion, newVersion), Set.copyOf(Json.texts(getOk(versionsUrl(id)).path("versions"))));
            assertEquals(v2.get(i), getOk(objectUrl(id)).path("objects").path(0), "default is the last version");
            assertEquals(v1.get(i), getOk(objectUrl(id), "match[version]", "first").path("objects").path(0));
        }
        String ids = String.join(",", v1.stream().map(TaxiiTestBase::idOf).toList());
        assertEquals(24, getOk(manifestUrl(), "match[id]", ids, "match[version]", "all").path("objects").size());
        assertEquals(12, getOk(objectsUrl(), "match[id]", ids).path("objects").size());
    }
}
