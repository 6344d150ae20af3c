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

    private final QueryParser parser = new QueryParser(100, Cursor.withRandomKey());

    private QueryParser.Parsed parse(Endpoint e, Map<String, List<String>> params) {
        return parser.parse(e, params, "c1", e == Endpoint.OBJECTS || e == Endpoint.MANIFEST ? null : "indicator--1",
                "alice");
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
    void nextCarriesTheWholeQueryAndIsBoundToCollectionAndReader() {
        Map<String, List<String>> params = Map.of("match[type]", List.of("indicator"), "limit", List.of("5"),
                "added_after", List.of("2021-01-01T00:00:00Z"));
        String token = parse(Endpoint.OBJECTS, params).next(42L);

        QueryParser.Parsed alone = parse(Endpoint.OBJECTS, Map.of("next", List.of(token)));
        assertEquals(42L, alone.query().afterCursorMicros());
        assertEquals(42L, alone.lowerBoundMicros());
        assertEquals(List.of("indicator"), alone.query().types());
        assertEquals(5, alone.query().limit());
        assertEquals(1_609_459_200_000_000L, alone.query().addedAfterMicros());

        // the same filters again are fine; a new limit only changes the page size
        QueryParser.Parsed again = parse(Endpoint.OBJECTS, Map.of("match[type]", List.of("indicator"),
                "limit", List.of("10"), "next", List.of(token)));
        assertEquals(List.of("indicator"), again.query().types());
        assertEquals(10, again.query().limit());
        // ...and the token of that page carries the new limit on
        String second = again.next(43L);
        assertEquals(10, parse(Endpoint.OBJECTS, Map.of("next", List.of(second))).query().limit());

        for (Map<String, List<String>> other : List.of(Map.of("match[type]", List.of("malware")),
                Map.of("match[id]", List.of("indicator--1")))) {
            Map<String, List<String>> p = new java.util.HashMap<>(other);
            p.put("next", List.of(token));
            assertEquals(400, assertThrows(TaxiiException.class, () -> parse(Endpoint.OBJECTS, p)).status());
        }
        Map<String, List<String>> next = Map.of("next", List.of(token));
        assertEquals(400, assertThrows(TaxiiException.class,
                () -> parser.parse(Endpoint.OBJECTS, next, "other-collection", null, "alice")).status());
        assertEquals(400, assertThrows(TaxiiException.class,
                () -> parser.parse(Endpoint.OBJECTS, next, "c1", null, "bob")).status());
        assertEquals(400, assertThrows(TaxiiException.class, () -> parse(Endpoint.MANIFEST, next)).status());
        assertEquals(400, assertThrows(TaxiiException.class,
                () -> new QueryParser(100, Cursor.withRandomKey()).parse(Endpoint.OBJECTS, next, "c1", null, "alice"))
                .status(), "another server key");
    }

    @Test
    void anAlteredTokenIs400() {
        String token = parse(Endpoint.OBJECTS, Map.of("match[type]", List.of("indicator"))).next(42L);
        byte[] raw = java.util.Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i++) {
            byte[] t = raw.clone();
            t[i] ^= 0x01;
            String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(t);
            assertEquals(400, assertThrows(TaxiiException.class,
                    () -> parse(Endpoint.OBJECTS, Map.of("next", List.of(tampered)))).status(), "byte " + i);
        }
        for (String garbage : List.of("!", "AAAA", "A".repeat(3000), token.substring(0, token.length() - 2))) {
            assertEquals(400, assertThrows(TaxiiException.class,
                    () -> parse(Endpoint.OBJECTS, Map.of("next", List.of(garbage)))).status(), garbage);
        }
    }

    @Test
    void longIdListsAreCompressed() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            ids.append(i == 0 ? "" : ",").append("indicator--").append(java.util.UUID.randomUUID());
        }
        String token = parse(Endpoint.OBJECTS, Map.of("match[id]", List.of(ids.toString()))).next(1L);
        assertTrue(token.length() < ids.length() * 4 / 3, "token of " + token.length() + " characters");
        assertEquals(100, parse(Endpoint.OBJECTS, Map.of("next", List.of(token))).query().ids().size());
    }
}
