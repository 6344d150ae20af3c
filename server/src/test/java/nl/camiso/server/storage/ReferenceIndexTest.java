package nl.camiso.server.storage;

import nl.camiso.stix.StixJson;
import nl.camiso.stix.StixObject;
import nl.camiso.taxii.spi.IndexedReferences;
import nl.camiso.taxii.spi.Referrer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference index on H2 with its migration scripts (V5, H2's V7) as shipped. */
class ReferenceIndexTest {

    static final String IND = "indicator--1fc45cf8-85aa-4cf0-9744-505a23c973cb";
    static final String COA = "course-of-action--8ff52d5d-4305-4121-b3a6-ea806261791e";
    Connection c;
    /** Reference targets in generations of two entries, so that lookups span several of them. */
    ReferenceIndex refs = new ReferenceIndex(IdKeys.HASHES, new GenerationalIdKeys(2));

    @BeforeEach
    void schema() throws Exception {
        c = DriverManager.getConnection("jdbc:h2:mem:refs" + System.nanoTime(), "sa", "");
        for (String script : new String[] {"db/migration/V5_0__references.sql", "db/migration/h2/V7_0__reference_hash.sql"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(script);
                 Statement s = c.createStatement()) {
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                for (String stmt : sql.split(";")) {
                    if (!stmt.isBlank()) {
                        s.execute(stmt);
                    }
                }
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        c.close();
    }

    static StixObject obj(String json) throws Exception {
        return StixObject.of(StixJson.parse(json));
    }

    @Test
    void indexesOnlyTheFollowedReferencesOfTheIndexedTypes() throws Exception {
        StixObject rel = obj("""
                {"type":"relationship","id":"relationship--ec37386a-2220-4685-9eae-60441db9c3b8","relationship_type":"mitigates",
                 "source_ref":"%s","target_ref":"%s","created_by_ref":"identity--944ec096-3774-4aaa-ba99-ec94e018e237"}
                """.formatted(COA, IND));
        StixObject note = obj("""
                {"type":"note","id":"note--5a8184e6-8007-4a6b-be34-e17643a1e702","content":"x","object_refs":["%s","%s"]}
                """.formatted(IND, IND));
        StixObject indicator = obj("{\"type\":\"indicator\",\"id\":\"" + IND + "\",\"created_by_ref\":\"identity--x\"}");
        assertEquals(Set.of(COA, IND), IndexedReferences.targets(rel), "created_by_ref is not followed");
        assertEquals(Set.of(), IndexedReferences.targets(indicator));

        refs.record(c, "coll-a", rel);
        refs.record(c, "coll-a", rel); // a second version: no duplicate rows
        refs.record(c, "coll-b", note);
        refs.record(c, "coll-a", indicator);

        assertEquals(List.of(new Referrer("coll-a", rel.id(), "relationship"),
                        new Referrer("coll-b", note.id(), "note")),
                refs.referrers(c, List.of("coll-a", "coll-b"), IND, Set.of()));
        assertEquals(List.of(new Referrer("coll-b", note.id(), "note")),
                refs.referrers(c, List.of("coll-a", "coll-b"), IND, Set.of("note", "opinion")));
        assertTrue(refs.referrers(c, List.of("coll-c"), IND, Set.of()).isEmpty(), "only the given collections");
        assertTrue(refs.referrers(c, List.of(), IND, Set.of()).isEmpty());

        refs.forget(c, "coll-a", rel.id());
        assertEquals(List.of(new Referrer("coll-b", note.id(), "note")),
                refs.referrers(c, List.of("coll-a", "coll-b"), IND, Set.of()));

        // the object store's way: by the targets of the versions, through the primary key
        refs.forget(c, "coll-b", note.id(), IndexedReferences.targets(note));
        assertTrue(refs.referrers(c, List.of("coll-a", "coll-b"), IND, Set.of()).isEmpty());
    }
}
