package nl.camiso.server.actions;

import nl.camiso.server.actions.ObjectGraph.Found;
import nl.camiso.taxii.spi.IncomingObject;
import nl.camiso.taxii.testing.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static nl.camiso.taxii.testing.ObjectStoreContract.indicator;
import static nl.camiso.taxii.testing.ObjectStoreContract.newCollection;
import static nl.camiso.taxii.testing.ObjectStoreContract.newId;
import static nl.camiso.taxii.testing.ObjectStoreContract.note;
import static nl.camiso.taxii.testing.ObjectStoreContract.relationship;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Following references across collections, on the in-memory store. */
class ObjectGraphTest {

    final MemoryStore store = new MemoryStore();
    final ObjectGraph graph = new ObjectGraph(store);
    final String a = newCollection();
    final String b = newCollection();

    void add(String collection, IncomingObject... objects) {
        store.add("ndn", collection, "alice", 1L, objects.length, List.of(objects), List.of());
    }

    @Test
    void theLatestVersionAmongTheCollectionsAndOnlyThere() {
        String id = newId("indicator");
        add(a, indicator(id, "2021-01-02T00:00:00.000Z"));
        add(b, indicator(id, "2021-01-01T00:00:00.000Z"), indicator(id, "2021-01-03T00:00:00.000Z"));
        Found latest = graph.findLatest(List.of(a, b), id).orElseThrow();
        assertEquals(b, latest.collectionId());
        assertEquals("2021-01-03T00:00:00.000Z", latest.object().versionText());
        assertEquals(a, graph.findLatest(List.of(a), id).orElseThrow().collectionId());
        assertTrue(graph.findLatest(List.of(newCollection()), id).isEmpty());
        assertTrue(graph.findLatest(List.of(a, b), newId("indicator")).isEmpty());
    }

    @Test
    void referrersWhoseLatestVersionStillRefersEachOnceInItsNewestVersion() {
        String target = newId("indicator");
        String other = newId("indicator");
        String rel = newId("relationship");
        String moved = newId("relationship");
        String comment = newId("note");
        add(a, relationship(rel, "2021-01-01T00:00:00.000Z", newId("course-of-action"), target));
        add(b, relationship(rel, "2021-01-02T00:00:00.000Z", newId("course-of-action"), target));
        // an older version referred to the target, the latest refers elsewhere
        add(a, relationship(moved, "2021-01-01T00:00:00.000Z", newId("course-of-action"), target),
                relationship(moved, "2021-01-02T00:00:00.000Z", newId("course-of-action"), other));
        add(b, note(comment, "2021-01-01T00:00:00.000Z", target));

        List<Found> relationships = graph.referrers(List.of(a, b), target, Set.of("relationship"));
        assertEquals(1, relationships.size(), relationships.toString());
        assertEquals(rel, relationships.get(0).object().id());
        assertEquals("2021-01-02T00:00:00.000Z", relationships.get(0).object().versionText());
        assertEquals(List.of(comment), graph.referrers(List.of(a, b), target, Set.of("note", "opinion")).stream()
                .map(f -> f.object().id()).toList());
        assertEquals(List.of(moved), graph.referrers(List.of(a), other, Set.of()).stream().map(f -> f.object().id()).toList());
        assertTrue(graph.referrers(List.of(a), target, Set.of("note")).isEmpty());
    }
}
