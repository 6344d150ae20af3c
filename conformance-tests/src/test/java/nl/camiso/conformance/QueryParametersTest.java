package nl.camiso.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** §3.4: malformed or repeated query parameters get 400, on every endpoint that filters. */
class QueryParametersTest extends TaxiiTestBase {

    enum Endpoint {
        OBJECTS, MANIFEST, OBJECT, VERSIONS;

        String url() {
            String id = Fixtures.get().versioned;
            return switch (this) {
                case OBJECTS -> objectsUrl();
                case MANIFEST -> manifestUrl();
                case OBJECT -> objectUrl(id);
                case VERSIONS -> versionsUrl(id);
            };
        }
    }

    static Stream<Arguments> malformed() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String limit : List.of("0", "-1", "abc", "1.5", "")) {
                cases.add(Arguments.of(endpoint, "limit", limit));
            }
            for (String addedAfter : List.of("yesterday", "2016-13-01T00:00:00.000000Z", "2016-01-01",
                    "1700000000", "2016-01-01T00:00:00.000000", "")) {
                cases.add(Arguments.of(endpoint, "added_after", addedAfter));
            }
        }
        for (Endpoint endpoint : List.of(Endpoint.OBJECTS, Endpoint.MANIFEST, Endpoint.OBJECT)) {
            // "all" must not be combined with anything else; values are first, last, all or timestamps
            for (String version : List.of("all,first", "all,2024-01-01T00:00:00.000Z", "newest")) {
                cases.add(Arguments.of(endpoint, "match[version]", version));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}={2} -> 400")
    @MethodSource("malformed")
    void malformedParameterIs400(Endpoint endpoint, String name, String value) {
        assertError(get(endpoint.url(), name, value), 400);
    }

    static Stream<Arguments> repeated() {
        List<Arguments> cases = new ArrayList<>();
        String ts = "2016-01-01T00:00:00.000000Z";
        for (Endpoint endpoint : Endpoint.values()) {
            cases.add(Arguments.of(endpoint, "limit", "1", "2"));
            cases.add(Arguments.of(endpoint, "added_after", ts, ts));
            cases.add(Arguments.of(endpoint, "match[spec_version]", "2.1", "2.1"));
        }
        for (Endpoint endpoint : List.of(Endpoint.OBJECTS, Endpoint.MANIFEST)) {
            cases.add(Arguments.of(endpoint, "match[type]", "indicator", "malware"));
            cases.add(Arguments.of(endpoint, "match[id]", Stix.newId("indicator"), Stix.newId("indicator")));
        }
        for (Endpoint endpoint : List.of(Endpoint.OBJECTS, Endpoint.MANIFEST, Endpoint.OBJECT)) {
            cases.add(Arguments.of(endpoint, "match[version]", "first", "last"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}={2}&{1}={3} -> 400")
    @MethodSource("repeated")
    void repeatedParameterIs400(Endpoint endpoint, String name, String first, String second) {
        assertError(get(endpoint.url(), name, first, name, second), 400);
    }
}
