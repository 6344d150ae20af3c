package nl.camiso.taxii.query;

import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.VersionMatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParserTest {

    private final QueryParser parser = new QueryParser(100);

    private QueryParser.Parsed parse(Endpoint e, Map<String, List<String>> params) {
        return parser.parse(e, params, "c1", e == Endpoint.OBJECTS || e == Endpoint.MANIFEST ? null : "indicator--1");
    }

    @Test
    void defaults() {
        QueryParser.Parsed p = parse(Endpoint.OBJECTS, Map.of());
        ObjectQuery q = p.query();
        assertEquals(100, q.limit());
        assertEquals(VersionMatch.LAST, q.versions());
        assertTrue(q.ids().isEmpty() && q.types().isEmpty() && q.specVersions().isEmpty());
        assertNull(q.addedAfterMicros());
        assertNull(q.afterCursorMicros());
        assertTrue(q.includeJson());
        assertEquals(0L, p.lowerBoundMicros());
        assertFalse(parse(Endpoint.MANIFEST, Map.of()).query().includeJson());
        assertEquals(VersionMatch.ALL, parse(Endpoint.VERSIONS, Map.of()).query().versions());
        assertEquals(VersionMatch.ALL, parse(Endpoint.DELETE, Map.of()).query().versions());
    }

    @Test
    void limitIsClampedAndLeadingZerosAreFine() {
        assertEquals(100, parse(Endpoint.OBJECTS, Map.of("limit", List.of("99999999999999999999999"))).query().limit());
        assertEquals(7, parse(Endpoint.OBJECTS, Map.of("limit", List.of("0000000000007"))).query().limit());
    }

    @Test
    void addedAfterIsMicrosecondsAndTheLowerBound() {
        QueryParser.Parsed p = parse(Endpoint.OBJECTS, Map.of("added_after", List.of("1970-01-01T00:00:01.0000019Z")));
        assertEquals(1_000_001L, p.query().addedAfterMicros());
        assertEquals(1_000_001L, p.lowerBoundMicros());
    }

    @Test
    void versionLists() {
        VersionMatch v = parse(Endpoint.OBJECTS, Map.of("match[version]",
                List.of("first,2018-03-02T01:01:01.123Z,last"))).query().versions();
        assertEquals(new VersionMatch(false, true, true, Set.of("2018-03-02T01:01:01.123Z")), v);
    }

    @Test
    void filtersAnEndpointDoesNotDefineAreIgnored() {
        ObjectQuery q = parse(Endpoint.OBJECT, Map.of("match[id]", List.of("x--1"), "match[type]", List.of("a b")))
                .query();
        assertTrue(q.ids().isEmpty() && q.types().isEmpty());
        ObjectQuery d = parse(Endpoint.DELETE, Map.of("limit", List.of("abc"), "next", List.of("!"))).query();
        assertEquals(100, d.limit());
    }

    @Test
    void nextRoundTripsOnlyForTheSameQuery() {
        Map<String, List<String>> params = Map.of("match[type]", List.of("indicator"), "limit", List.of("5"));
        long fp = parse(Endpoint.OBJECTS, params).fingerprint();
        String token = Cursor.encode(42L, fp);
        Map<String, List<String>> paged = Map.of("match[type]", List.of("indicator"), "limit", List.of("10"),
                "next", List.of(token));
        QueryParser.Parsed p = parse(Endpoint.OBJECTS, paged);
        assertEquals(42L, p.query().afterCursorMicros());
        assertEquals(42L, p.lowerBoundMicros());
        TaxiiException e = assertThrows(TaxiiException.class, () -> parse(Endpoint.OBJECTS,
                Map.of("match[type]", List.of("malware"), "next", List.of(token))));
        assertEquals(400, e.status());
        assertThrows(TaxiiException.class, () -> parser.parse(Endpoint.OBJECTS,
                Map.of("match[type]", List.of("indicator"), "next", List.of(token)), "other-collection", null));
    }
}
