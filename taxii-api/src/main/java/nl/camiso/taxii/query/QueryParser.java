package nl.camiso.taxii.query;

import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.query.Endpoint.Params;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.VersionMatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the URL query of a filtering endpoint into an {@link ObjectQuery} (§3.4, §3.5).
 *
 * <p>Rules: every parameter at most once; {@code match[...]} values are comma lists without empty
 * items (OR within a field, AND across fields); anything malformed is a 400 naming the parameter.
 * Parameters the endpoint does not define (unknown ones, or e.g. {@code match[id]} on Get an
 * Object) are ignored, as §3.4.1 allows for unknown match fields.
 */
public final class QueryParser {

    private static final Pattern SPEC_VERSION = Pattern.compile("[0-9]+\\.[0-9]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern ZEROS = Pattern.compile("0+");
    /** Ids and types: no spaces or control characters, nothing that could not come from a STIX object. */
    private static final Pattern TOKEN = Pattern.compile("[^\\s,]+");

    private final int maxPageSize;
    private final Cursor cursor;

    /** @param cursor issues and checks {@code next} tokens */
    public QueryParser(int maxPageSize, Cursor cursor) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be >= 1");
        }
        this.maxPageSize = maxPageSize;
        this.cursor = cursor;
    }

    /** A parsed query plus what the response needs: its header bounds and the next token. */
    public static final class Parsed {
        private final ObjectQuery query;
        private final long lowerBoundMicros;
        private final Cursor cursor;
        private final String binding;
        private final int limitSent;
        private final Map<String, String> filters;

        private Parsed(ObjectQuery query, long lowerBoundMicros, Cursor cursor, String binding, int limitSent,
                       Map<String, String> filters) {
            this.query = query;
            this.lowerBoundMicros = lowerBoundMicros;
            this.cursor = cursor;
            this.binding = binding;
            this.limitSent = limitSent;
            this.filters = filters;
        }

        public ObjectQuery query() {
            return query;
        }

        /**
         * Where this page starts: the {@code next} position, else {@code added_after}, else 0 (the
         * epoch); the X-TAXII-Date-Added headers of an empty page carry it.
         */
        public long lowerBoundMicros() {
            return lowerBoundMicros;
        }

        /** The token that continues this query after {@code positionMicros}. */
        public String next(long positionMicros) {
            return cursor.encode(new Cursor.Continuation(positionMicros, limitSent, filters), binding);
        }
    }

    /**
     * @param params       decoded query parameters, each name with all its values
     * @param collectionId the collection's id (a token is bound to it)
     * @param objectId     the object in the path, or null
     * @param reader       the requesting account's name (a token is bound to it)
     */
    public Parsed parse(Endpoint endpoint, Map<String, List<String>> params, String collectionId, String objectId,
                        String reader) {
        String binding = endpoint + "\n" + collectionId + "\n" + (objectId == null ? "" : objectId) + "\n" + reader;
        Long position = null;
        String rawNext = single(endpoint, params, Params.NEXT);
        if (rawNext != null) {
            Cursor.Continuation c = cursor.decode(rawNext, binding);
            params = continued(endpoint, params, c);
            position = c.positionMicros();
        }
        Long addedAfter = null;
        String raw = single(endpoint, params, Params.ADDED_AFTER);
        if (raw != null) {
            try {
                addedAfter = TaxiiTimestamps.parseMicros(raw);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw bad(Params.ADDED_AFTER, "must be a timestamp such as 2021-06-10T12:00:00.000000Z");
            }
        }
        int limit = maxPageSize;
        int limitSent = 0;
        raw = single(endpoint, params, Params.LIMIT);
        if (raw != null) {
            if (!DIGITS.matcher(raw).matches() || ZEROS.matcher(raw).matches()) {
                throw bad(Params.LIMIT, "must be an integer greater than 0");
            }
            // any larger value, however large, is valid and clamped to the server's page size
            String digits = raw.replaceFirst("^0+", "");
            limitSent = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            limit = Math.min(limitSent, maxPageSize);
        }
        List<String> ids = tokens(endpoint, params, Params.MATCH_ID);
        List<String> types = tokens(endpoint, params, Params.MATCH_TYPE);
        VersionMatch versions = versions(endpoint, params);
        List<String> specVersions = list(endpoint, params, Params.MATCH_SPEC_VERSION);
        for (String v : specVersions) {
            if (!SPEC_VERSION.matcher(v).matches()) {
                throw bad(Params.MATCH_SPEC_VERSION, "values must look like 2.1; got '" + v + "'");
            }
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : Cursor.FILTERS) {
            String value = single(endpoint, params, name);
            if (value != null) {
                filters.put(name, value);
            }
        }
        long lowerBound = position != null ? position : addedAfter != null ? addedAfter : 0L;
        boolean includeJson = endpoint == Endpoint.OBJECTS || endpoint == Endpoint.OBJECT;
        ObjectQuery query = new ObjectQuery(objectId, addedAfter, position, limit, ids, types, versions, specVersions,
                includeJson);
        return new Parsed(query, lowerBound, cursor, binding, limitSent, filters);
    }

    /**
     * The parameters of the query a token continues: its filters, and the {@code limit} of this
     * request if it has one (a client may change its page size), else the original one. Filters
     * sent again must be the same as the token's; a token cannot be combined with another query.
     */
    private static Map<String, List<String>> continued(Endpoint endpoint, Map<String, List<String>> params,
                                                       Cursor.Continuation c) {
        Map<String, List<String>> out = new HashMap<>();
        for (String name : Cursor.FILTERS) {
            String sent = single(endpoint, params, name);
            String carried = c.filters().get(name);
            if (sent != null && !sent.equals(carried)) {
                throw Cursor.invalid("it continues a query with " + (carried == null ? "no " + name
                        : name + "=" + carried) + "; send next alone or with the filters of the request that returned it");
            }
            if (carried != null) {
                out.put(name, List.of(carried));
            }
        }
        String limit = single(endpoint, params, Params.LIMIT);
        if (limit != null) {
            out.put(Params.LIMIT, List.of(limit));
        } else if (c.limit() > 0) {
            out.put(Params.LIMIT, List.of(Integer.toString(c.limit())));
        }
        return out;
    }

    private VersionMatch versions(Endpoint endpoint, Map<String, List<String>> params) {
        List<String> values = list(endpoint, params, Params.MATCH_VERSION);
        if (values.isEmpty()) {
            // versions lists every version; DELETE without match[version] removes the whole object
            return endpoint == Endpoint.VERSIONS || endpoint == Endpoint.DELETE ? VersionMatch.ALL : VersionMatch.LAST;
        }
        boolean all = false;
        boolean first = false;
        boolean last = false;
        Set<String> exact = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw bad(Params.MATCH_VERSION, "lists '" + v + "' twice");
            }
            switch (v) {
                case "all" -> all = true;
                case "first" -> first = true;
                case "last" -> last = true;
                default -> {
                    if (!StixTimestamp.isValid(v)) {
                        throw bad(Params.MATCH_VERSION,
                                "values must be first, last, all or a STIX timestamp; got '" + v + "'");
                    }
                    exact.add(v);
                }
            }
        }
        if (all && values.size() > 1) {
            throw bad(Params.MATCH_VERSION, "'all' cannot be combined with other values");
        }
        return new VersionMatch(all, first, last, exact);
    }

    private static List<String> tokens(Endpoint endpoint, Map<String, List<String>> params, String name) {
        List<String> values = list(endpoint, params, name);
        for (String v : values) {
            if (!TOKEN.matcher(v).matches()) {
                throw bad(name, "contains an invalid value '" + v + "'");
            }
        }
        return values;
    }

    /** A comma list; empty items (",", "a,,b", trailing comma) are malformed. */
    private static List<String> list(Endpoint endpoint, Map<String, List<String>> params, String name) {
        String raw = single(endpoint, params, name);
        if (raw == null) {
            return List.of();
        }
        String[] parts = raw.split(",", -1);
        List<String> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw bad(name, "must be a comma-separated list without empty values or spaces");
            }
            out.add(p);
        }
        return out;
    }

    /** The value of a parameter the endpoint accepts, null when absent; 400 when repeated or empty. */
    private static String single(Endpoint endpoint, Map<String, List<String>> params, String name) {
        if (!endpoint.accepts(name)) {
            return null;
        }
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw bad(name, "must not be repeated");
        }
        String v = values.get(0);
        if (v == null || v.isEmpty()) {
            throw bad(name, "must not be empty");
        }
        return v;
    }

    private static TaxiiException bad(String param, String why) {
        return new TaxiiException(400, "Invalid parameter " + param, "The " + param + " parameter " + why + ".");
    }
}
