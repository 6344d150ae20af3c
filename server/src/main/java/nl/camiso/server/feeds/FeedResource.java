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
 * {@code GET /{root}/x-camiso/feeds/{collection id or alias}/{format}}: a plain list for firewalls
 * and DNS filters (see {@link FeedFormat}), from the collection's current indicators. The authorizer
 * decides {@link Operation#READ_FEED} as it decides reading the collection's objects: a collection
 * the requester may not know of is 404, as if absent; one it may only write is 403.
 * Query parameters: {@code max} (at most that many values), {@code explain=true} (comment header with
 * what was left out and why; not for {@code csv}), {@code algorithm} (for the {@code hash} format).
 * The {@code csv} format (see {@link FeedCsv}) is for SIEMs.
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
                         @Context ContainerRequestContext request) {
        CollectionAccess access = CollectionAccess.of(services.taxii(), request);
        TaxiiServices taxii = services.taxii();
        ApiRootInfo root = access.apiRoot(rootName);
        CollectionInfo collection = access.collection(root, collectionName, Operation.READ_FEED, "collection");
        if ("csv".equals(formatName)) {
            return csv(access, root, collection, parseMax(max), explain);
        }
        FeedFormat format = FeedFormat.of(formatName, algorithm).orElseThrow(() -> "hash".equals(formatName)
                ? badRequest("The hash feed needs algorithm=SHA-256, SHA-1 or MD5.")
                : notFound("feed format (ip, domain, url, hash-sha256, hash-sha1, hash-md5, csv)"));
        Integer cap = parseMax(max);
        boolean explained = parseExplain(explain);

        Instant now = Instant.now();
        List<Feed.Indicator> indicators = CurrentIndicators.read(taxii.store(), collection.id(), now);
        Feed feed = Feed.build(format, indicators, services.allowList(), cap);
        String body = FeedText.write(feed, root.name(), collection.alias() != null ? collection.alias() : collection.id(),
                now, explained);
        return Response.ok(body, "text/plain; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
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
        TaxiiServices taxii = services.taxii();
        List<String> readable = taxii.catalog().collections(root.name()).stream()
                .filter(c -> access.allows(Operation.READ_OBJECTS, c)).map(CollectionInfo::id).toList();
        CourseOfActionTitles titles = new CourseOfActionTitles(services.graph(), readable);
        List<Feed.Indicator> indicators = CurrentIndicators.read(taxii.store(), collection.id(), Instant.now());
        String body = FeedCsv.write(indicators, services.allowList(), cap, titles::of);
        return Response.ok(body, "text/csv; charset=utf-8; header=present")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
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
