package nl.camiso.taxii.query;

import java.util.Set;

/** The filtering endpoints and the query parameters each accepts (§3.4.1 and each endpoint's section). */
public enum Endpoint {
    OBJECTS(Params.ADDED_AFTER, Params.LIMIT, Params.NEXT, Params.MATCH_ID, Params.MATCH_TYPE, Params.MATCH_VERSION,
            Params.MATCH_SPEC_VERSION),
    MANIFEST(Params.ADDED_AFTER, Params.LIMIT, Params.NEXT, Params.MATCH_ID, Params.MATCH_TYPE, Params.MATCH_VERSION,
            Params.MATCH_SPEC_VERSION),
    OBJECT(Params.ADDED_AFTER, Params.LIMIT, Params.NEXT, Params.MATCH_VERSION, Params.MATCH_SPEC_VERSION),
    VERSIONS(Params.ADDED_AFTER, Params.LIMIT, Params.NEXT, Params.MATCH_SPEC_VERSION),
    DELETE(Params.MATCH_VERSION, Params.MATCH_SPEC_VERSION);

    private final Set<String> params;

    Endpoint(String... params) {
        this.params = Set.of(params);
    }

    public boolean accepts(String param) {
        return params.contains(param);
    }

    /** Query parameter names. */
    public static final class Params {
        public static final String ADDED_AFTER = "added_after";
        public static final String LIMIT = "limit";
        public static final String NEXT = "next";
        public static final String MATCH_ID = "match[id]";
        public static final String MATCH_TYPE = "match[type]";
        public static final String MATCH_VERSION = "match[version]";
        public static final String MATCH_SPEC_VERSION = "match[spec_version]";

        private Params() {
        }
    }
}
