package nl.camiso.taxii.query;

import nl.camiso.stix.StixTimestamp;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.query.Endpoint.Params;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.VersionMatch;

import java.util.ArrayList;
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

    public QueryParser(int maxPageSize) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be >= 1");
        }
        this.maxPageSize = maxPageSize;
    }

    /**
     * A parsed query plus what the response headers need.
     *
     * @param lowerBoundMicros where this page starts: the {@code next} position, else {@code added_after},
     *                         else 0 (the epoch); the X-TAXII-Date-Added headers of an empty page carry it
     * @param fingerprint      what a {@code next} token for this query must carry
     */
    public record Parsed(ObjectQuery query, long lowerBoundMicros, long fingerprint) {
    }

    /**
     * @param params       decoded query parameters, each name with all its values
     * @param collectionId the collection's id (a token is bound to it)
     * @param objectId     the object in the path, or null
     */
    public Parsed parse(Endpoint endpoint, Map<String, List<String>> params, String collectionId, String objectId) {
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
        raw = single(endpoint, params, Params.LIMIT);
        if (raw != null) {
            if (!DIGITS.matcher(raw).matches() || ZEROS.matcher(raw).matches()) {
                throw bad(Params.LIMIT, "must be an integer greater than 0");
            }
            // any larger value, however large, is valid and clamped to the server's page size
            String digits = raw.replaceFirst("^0+", "");
            limit = digits.length() > 9 ? maxPageSize : (int) Math.min(Long.parseLong(digits), maxPageSize);
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

        long fingerprint = Cursor.fingerprint(canonical(endpoint, params, collectionId, objectId));
        Long cursor = null;
        raw = single(endpoint, params, Params.NEXT);
        if (raw != null) {
            cursor = Cursor.decode(raw, fingerprint);
        }
        long lowerBound = cursor != null ? cursor : addedAfter != null ? addedAfter : 0L;
        boolean includeJson = endpoint == Endpoint.OBJECTS || endpoint == Endpoint.OBJECT;
        ObjectQuery query = new ObjectQuery(objectId, addedAfter, cursor, limit, ids, types, versions, specVersions,
                includeJson);
        return new Parsed(query, lowerBound, fingerprint);
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

    /**
     * Everything a {@code next} token is bound to: endpoint, collection, object and every filter
     * except {@code limit} (a client may change its page size while paging) and {@code next} itself.
     */
    private static String canonical(Endpoint endpoint, Map<String, List<String>> params, String collectionId,
                                    String objectId) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(endpoint).append('\n').append(collectionId).append('\n').append(objectId == null ? "" : objectId);
        for (String name : List.of(Params.ADDED_AFTER, Params.MATCH_ID, Params.MATCH_TYPE, Params.MATCH_VERSION,
                Params.MATCH_SPEC_VERSION)) {
            if (endpoint.accepts(name)) {
                List<String> values = params.get(name);
                sb.append('\n').append(name).append('=').append(values == null || values.isEmpty() ? "" : values.get(0));
            }
        }
        return sb.toString();
    }

    private static TaxiiException bad(String param, String why) {
        return new TaxiiException(400, "Invalid parameter " + param, "The " + param + " parameter " + why + ".");
    }
}
