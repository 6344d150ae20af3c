package nl.camiso.server.feeds;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import nl.camiso.server.actions.ObjectGraph;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;

import java.time.Instant;
import java.util.List;

import static nl.camiso.taxii.TaxiiException.badRequest;
import static nl.camiso.taxii.TaxiiException.notFound;

/**
 * {@code GET /{root}/x-camiso/feeds/{collection id or alias}/{format}}: the collection's current
 * indicators in a format a device reads directly: plain lists for firewalls and DNS filters (see
 * {@link FeedFormat}), {@code csv} for SIEMs ({@link FeedCsv}), {@code rpz} for resolvers
 * ({@link FeedRpz}), {@code suricata} rules ({@link FeedSuricata}), a {@code zeek} Intel file
 * ({@link FeedZeek}) and a {@code stix} bundle ({@link FeedStix}). The authorizer decides
 * {@link Operation#READ_FEED} as it decides reading the collection's objects: a collection the
 * requester may not know of is 404, as if absent; one it may only write is 403. Query parameters:
 * {@code max} (at most that many values), {@code explain=true} (comment header with what was left
 * out and why; not for {@code csv} and {@code stix}), {@code algorithm} (for the {@code hash} format).
 */
@Path("{root}/x-camiso/feeds/{collection}/{format}")
public final class FeedResource {

    /** Largest accepted {@code max}. */
    static final int MAX_MAX = 10_000_000;
    private static final String SERVICES_PROPERTY = "camiso.feeds.services";

    /** What the feed endpoint uses; the graph finds the courses of action for the CSV feed. */
    public record Services(TaxiiServices taxii, AllowList allowList, ObjectGraph graph) {
    }

    private final Services services;

    /** Jersey creates one per request from the {@link #feature(Services)}'s services. */
    public FeedResource(@Context Configuration config) {
        this.services = (Services) config.getProperty(SERVICES_PROPERTY);
    }

    /** Registers the feed endpoint: {@code resourceConfig.register(FeedResource.feature(...))}. */
    public static Feature feature(Services services) {
        return (FeatureContext context) -> {
            context.property(SERVICES_PROPERTY, services);
            context.register(FeedResource.class);
            return true;
        };
    }

    @GET
    public Response feed(@PathParam("root") String rootName, @PathParam("collection") String collectionName,
                         @PathParam("format") String formatName, @QueryParam("max") String max,
                         @QueryParam("explain") String explain, @QueryParam("algorithm") String algorithm,
                         @Context ContainerRequestContext request, @Context UriInfo uriInfo) {
        CollectionAccess access = CollectionAccess.of(services.taxii(), request);
        TaxiiServices taxii = services.taxii();
        ApiRootInfo root = access.apiRoot(rootName);
        CollectionInfo collection = access.collection(root, collectionName, Operation.READ_FEED, "collection");
        switch (formatName) {
            case "csv":
                return csv(access, root, collection, parseMax(max), explain);
            case "stix":
                return stix(access, root, collection, parseMax(max), explain);
            case "rpz", "suricata", "zeek":
                return perIndicator(formatName, root, collection, parseMax(max), parseExplain(explain),
                        serverBase(uriInfo, root));
            default:
                break;
        }
        FeedFormat format = FeedFormat.of(formatName, algorithm).orElseThrow(() -> "hash".equals(formatName)
                ? badRequest("The hash feed needs algorithm=SHA-256, SHA-1 or MD5.")
                : notFound("feed format (" + FORMAT_NAMES + ")"));
        Integer cap = parseMax(max);
        boolean explained = parseExplain(explain);

        Instant now = Instant.now();
        List<Feed.Indicator> indicators = CurrentIndicators.read(taxii.store(), collection.id(), now);
        Feed feed = Feed.build(format, indicators, services.allowList(), cap);
        String body = FeedText.write(feed, root.name(), name(collection), now, explained);
        return text(body, "text/plain; charset=utf-8");
    }

    /** The RPZ zone, Suricata rules and Zeek Intel file: one entry per value with its indicator. */
    private Response perIndicator(String formatName, ApiRootInfo root, CollectionInfo collection, Integer cap,
                                  boolean explain, ServerBase base) {
        Instant now = Instant.now();
        CurrentIndicators.Snapshot snapshot = CurrentIndicators.snapshot(services.taxii().store(), collection.id(), now);
        FeedText.About about = new FeedText.About(formatName, root.name(), name(collection), now);
        AllowList allow = services.allowList();
        String body = switch (formatName) {
            case "rpz" -> FeedRpz.write(FeedSelection.select(snapshot.indicators(), List.of(FeedFormat.DOMAIN), allow, cap),
                    FeedRpz.serial(Math.max(snapshot.lastChangeMicros(), allow.loadedMicros())), about, explain);
            case "suricata" -> FeedSuricata.write(FeedSelection.select(snapshot.indicators(),
                    List.of(FeedFormat.IP, FeedFormat.DOMAIN, FeedFormat.URL), allow, cap),
                    base == null ? null : base.withoutScheme(), about, explain);
            case "zeek" -> FeedZeek.write(FeedSelection.select(snapshot.indicators(), FeedFormat.BASIC, allow, cap),
                    base == null ? null : base.withScheme(), about, explain);
            default -> throw new IllegalArgumentException(formatName);
        };
        return text(body, "text/plain; charset=utf-8");
    }

    /**
     * The STIX bundle of the indicators the lists use and what they lead to, from the collections
     * the requester may read. {@code explain} is refused: a bundle has no comments.
     */
    private Response stix(CollectionAccess access, ApiRootInfo root, CollectionInfo collection, Integer cap, String explain) {
        if (parseExplain(explain)) {
            throw badRequest("explain is not available for the stix feed (a bundle has no comments); "
                    + "use it with the ip, domain, url or hash feeds.");
        }
        List<Feed.Indicator> indicators = CurrentIndicators.read(services.taxii().store(), collection.id(), Instant.now());
        byte[] body = FeedStix.write(indicators, services.allowList(), cap, services.graph(), readable(access, root));
        return Response.ok(body, "application/stix+json;version=2.1")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static final String FORMAT_NAMES = "ip, domain, domain-wildcard, url, url-panos, url-fortigate, "
            + "hash-sha256, hash-sha1, hash-md5, csv, rpz, suricata, zeek, stix";

    private static String name(CollectionInfo collection) {
        return collection.alias() != null ? collection.alias() : collection.id();
    }

    private List<String> readable(CollectionAccess access, ApiRootInfo root) {
        TaxiiServices taxii = services.taxii();
        return taxii.catalog().collections(root.name()).stream()
                .filter(c -> access.allows(Operation.READ_OBJECTS, c)).map(CollectionInfo::id).toList();
    }

    private static Response text(String body, String mediaType) {
        return Response.ok(body, mediaType)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * This server's API root as the request reached it (the server has no configured public
     * address), for links in rules and Intel files. Null when the address holds anything but a
     * plain host, port and path, so a forged Host header cannot put text into a rule.
     */
    record ServerBase(String scheme, String rest) {
        String withoutScheme() {
            return rest;
        }

        String withScheme() {
            return scheme + "://" + rest;
        }
    }

    private static final java.util.regex.Pattern SAFE_HOST =
            java.util.regex.Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");
    private static final java.util.regex.Pattern SAFE_PATH = java.util.regex.Pattern.compile("[A-Za-z0-9._~/-]{0,200}");

    static ServerBase serverBase(UriInfo uriInfo, ApiRootInfo root) {
        java.net.URI base = uriInfo.getBaseUri();
        String scheme = base.getScheme();
        String host = base.getHost();
        String path = (base.getRawPath() == null ? "/" : base.getRawPath()) + root.name();
        if (!("http".equals(scheme) || "https".equals(scheme)) || host == null || !SAFE_HOST.matcher(host).matches()
                || !SAFE_PATH.matcher(path).matches()) {
            return null;
        }
        return new ServerBase(scheme, host.toLowerCase(java.util.Locale.ROOT)
                + (base.getPort() >= 0 ? ":" + base.getPort() : "") + path);
    }

    /**
     * The CSV feed: one row per value with its indicator and course of action. {@code explain} is
     * refused, because CSV has no comment lines and a SIEM would import any extra row as data.
     */
    private Response csv(CollectionAccess access, ApiRootInfo root, CollectionInfo collection, Integer cap, String explain) {
        if (parseExplain(explain)) {
            throw badRequest("explain is not available for the csv feed (CSV has no comments); "
                    + "use it with the ip, domain, url or hash feeds.");
        }
        CourseOfActionTitles titles = new CourseOfActionTitles(services.graph(), readable(access, root));
        List<Feed.Indicator> indicators = CurrentIndicators.read(services.taxii().store(), collection.id(), Instant.now());
        String body = FeedCsv.write(indicators, services.allowList(), cap, titles::of);
        return text(body, "text/csv; charset=utf-8; header=present");
    }

    private static Integer parseMax(String max) {
        if (max == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(max);
            if (n >= 1 && n <= MAX_MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw badRequest("max must be a whole number from 1 to " + MAX_MAX + ".");
    }

    private static boolean parseExplain(String explain) {
        if (explain == null || explain.equals("false")) {
            return false;
        }
        if (explain.equals("true")) {
            return true;
        }
        throw badRequest("explain must be true or false.");
    }
}
