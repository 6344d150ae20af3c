package nl.camiso.server.feeds;

import nl.camiso.taxii.Injection;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import nl.camiso.server.actions.ObjectGraph;
import nl.camiso.server.auth.AuthFilter;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.http.Conditional;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import static nl.camiso.taxii.TaxiiException.badRequest;
import static nl.camiso.taxii.TaxiiException.notFound;
import static nl.camiso.taxii.TaxiiException.unavailable;

/**
 * {@code GET /{root}/x-camiso/feeds/{collection id or alias, or feed set}/{format}}: the current
 * indicators of the collection, or of the collections of a feed set the requester may read
 * ({@link FeedTarget}), in a format a device reads directly: plain lists for firewalls and DNS filters (see
 * {@link FeedFormat}), {@code csv} for SIEMs ({@link FeedCsv}), {@code rpz} for resolvers
 * ({@link FeedRpz}), {@code suricata} rules ({@link FeedSuricata}), a {@code zeek} Intel file
 * ({@link FeedZeek}) and a {@code stix} bundle ({@link FeedStix}). The authorizer decides
 * {@link Operation#READ_FEED} as it decides reading the collection's objects: a collection the
 * requester may not know of is 404, as if absent; one it may only write is 403. Query parameters:
 * {@code max} (at most that many values), {@code explain=true} (comment header with what was left
 * out and why; not for {@code csv} and {@code stix}), {@code algorithm} (for the {@code hash} format).
 * Answers carry a weak {@code ETag} and {@code Last-Modified} computed before the indicators are
 * read, so that a poll with nothing new costs one row read and gets 304 (see {@link Conditional}).
 */
@Path("{root}/x-camiso/feeds/{collection}/{format}")
public final class FeedResource {

    private static final Logger LOG = LoggerFactory.getLogger(FeedResource.class);

    /** Largest accepted {@code max}. */
    static final int MAX_MAX = 10_000_000;

    /**
     * What the feed endpoint uses: the allow-lists (the common one and, by organisation, the one
     * for its accounts with its own networks and domains, read from the live network), the feed
     * sets of the configuration; the graph finds the courses of action for the CSV and STIX feeds;
     * the address index (null without one) lets the {@code ip} feed of a collection merge while it
     * writes; the server-wide sids of the Suricata rules.
     */
    public record Services(TaxiiServices taxii, OrganisationAllowLists allowLists, FeedTarget.Sets sets,
                           ObjectGraph graph, FeedBoundaries boundaries, FeedAddresses.Store addresses,
                           SuricataSids suricataSids) {
        public Services(TaxiiServices taxii, AllowList allowList, ObjectGraph graph) {
            this(taxii, new OrganisationAllowLists(allowList, org -> new OrganisationAllowLists.Own(List.of(), Instant.EPOCH)),
                    FeedTarget.Sets.NONE, graph, new FeedBoundaries(), null, SuricataSids.inMemory());
        }

        /**
         * From the configuration ({@code server.feeds.allow_list}, each API root's {@code feed_sets})
         * and the network's own networks and domains of an organisation, asked at every request.
         */
        public static Services of(TaxiiServices taxii, CamisoConfig config,
                                  Function<String, OrganisationAllowLists.Own> ownEntries, ObjectGraph graph,
                                  FeedAddresses.Store addresses, SuricataSids suricataSids) {
            return new Services(taxii, new OrganisationAllowLists(AllowList.of(config.server().feeds().allowList()),
                    ownEntries), FeedTarget.Sets.of(config), graph, new FeedBoundaries(), addresses, suricataSids);
        }

        /** The allow-list for a requester: with its organisation's own entries when it has any. */
        AllowList allowListFor(Principal principal) {
            return allowLists.of(principal.organisation());
        }
    }

    private final Services services;
    private final FeedBoundaries boundaries;

    /** Jersey creates one per request from the {@link #feature(Services)}'s services. */
    @Inject
    public FeedResource(Services services) {
        this.services = services;
        this.boundaries = services.boundaries();
    }

    /** Registers the feed endpoint: {@code resourceConfig.register(FeedResource.feature(...))}. */
    public static Feature feature(Services services) {
        services.boundaries().warm(services.taxii().store(), services.taxii().catalog().apiRoots().stream()
                .flatMap(r -> services.taxii().catalog().collections(r.name()).stream()).map(CollectionInfo::id).toList());
        services.suricataSids().warm();
        return (FeatureContext context) -> {
            context.register(new Injection.Binding<>(services, Services.class) { });
            context.register(FeedResource.class);
            context.register(FeedListResource.class);
            return true;
        };
    }

    @GET
    public Response feed(@PathParam("root") String rootName, @PathParam("collection") String collectionName,
                         @PathParam("format") String formatName, @QueryParam("max") String max,
                         @QueryParam("explain") String explain, @QueryParam("algorithm") String algorithm,
                         @Context ContainerRequestContext request, @Context UriInfo uriInfo,
                         @Context Request conditions) {
        CollectionAccess access = CollectionAccess.of(services.taxii(), request);
        Requester requester = access.requester();
        // READ_FEED on the collection alone decides: a collection one may read is in an API root one
        // sees, and a feed key may read feeds but not the API root's TAXII information
        ApiRootInfo root = services.taxii().catalog().apiRoot(rootName).orElseThrow(() -> notFound("API root"));
        FeedTarget target = FeedTarget.resolve(access, root, collectionName, services.sets());
        // the request is checked completely before anything is read
        FeedFormat list = switch (formatName) {
            case "csv", "stix", "rpz", "suricata", "zeek" -> null;
            default -> FeedFormat.of(formatName, algorithm).orElseThrow(() -> "hash".equals(formatName)
                    ? badRequest("The hash feed needs algorithm=SHA-256, SHA-1 or MD5.")
                    : notFound("feed format (" + FORMAT_NAMES + ")"));
        };
        Integer cap = parseMax(max);
        boolean explained = parseExplain(explain);
        if (explained && (formatName.equals("csv") || formatName.equals("stix"))) {
            throw badRequest("explain is not available for the " + formatName + " feed ("
                    + (formatName.equals("csv") ? "CSV has no comments" : "a bundle has no comments")
                    + "); use it with the ip, domain, url or hash feeds.");
        }
        // csv and stix also show courses of action from every collection the requester may read
        List<String> readable = formatName.equals("csv") || formatName.equals("stix")
                ? readable(access, root) : List.of();

        Instant now = Instant.now();
        AllowList allow = services.allowListFor(Principal.current(request));
        Validated validated = validate(target, allow, readable, formatName, uriInfo, requester, now);
        if (validated.validator() != null) {
            Optional<Response> unchanged = Conditional.notModified(conditions, validated.validator());
            if (unchanged.isPresent()) {
                return unchanged.get();
            }
        }
        FeedText.About about = new FeedText.About(formatName, root.name(), target.name(), now, target.members());
        var store = services.taxii().store();
        Object body;
        String mediaType = switch (formatName) {
            case "csv" -> "text/csv; charset=utf-8; header=present";
            case "stix" -> "application/stix+json;version=2.1";
            default -> "text/plain; charset=utf-8";
        };
        // without max a feed is written while its collections are read (a set's collections one after
        // the other, an indicator stored in several of them once, with its newest version); with max
        // (most confident first) only the best max entries, or indicators for stix, are kept while
        // reading, then written
        List<String> collectionIds = target.collections().stream().map(CollectionInfo::id).toList();
        FeedStream.Source source = (withJson, each) -> CurrentIndicators.readSet(store, collectionIds, now,
                withJson, each);
        if (cap == null) {
            body = switch (formatName) {
                case "csv" -> FeedStream.csv(source, allow, new CourseOfActionTitles(services.graph(), readable));
                case "stix" -> FeedStream.stix(source, allow, services.graph(), readable);
                case "rpz" -> FeedStream.rpz(source, allow, FeedRpz.serial(validated.lastChange()), about, explained);
                case "zeek" -> {
                    ServerBase base = serverBase(uriInfo, root);
                    yield FeedStream.zeek(source, allow, base == null ? null : base.withScheme(), about, explained);
                }
                case "suricata" -> {
                    ServerBase base = serverBase(uriInfo, root);
                    yield FeedStream.suricata(source, allow, services.suricataSids(), base == null ? null : base.withoutScheme(), about, explained);
                }
                // ip of one collection from its address index, merged as read; of a set after a compact whole read
                default -> list != FeedFormat.IP ? FeedStream.lines(list, source, allow, about, explained)
                        : services.addresses() != null && collectionIds.size() == 1
                        ? FeedStream.ip(services.addresses(), collectionIds.get(0), now, allow, about, explained)
                        : FeedStream.ip(source, allow, about, explained);
            };
        } else {
            // what is read for this request alone becomes unreachable when the error leaves this block,
            // so a max too large for the heap is a clean 503 for this client, not a 500
            try {
                List<FeedFormat> kinds = switch (formatName) {
                    case "rpz" -> List.of(FeedFormat.DOMAIN);
                    case "suricata" -> List.of(FeedFormat.IP, FeedFormat.DOMAIN, FeedFormat.URL);
                    case "csv", "stix", "zeek" -> FeedFormat.BASIC;
                    default -> List.of(list);
                };
                if (formatName.equals("stix")) {
                    java.util.TreeSet<Feed.Indicator> best = new java.util.TreeSet<>(Feed.PRIORITY);
                    source.forEach(true, i -> {
                        if (FeedStix.usable(i, allow)) {
                            best.add(i);
                            if (best.size() > cap) {
                                best.pollLast();
                            }
                        }
                    });
                    body = FeedStream.stix((withJson, each) -> best.forEach(each), allow, services.graph(), readable);
                } else {
                    // name and validity only for the formats that show them
                    boolean descriptive = list == null && !formatName.equals("rpz");
                    FeedSelection.Top top = new FeedSelection.Top(kinds, allow, cap);
                    source.forEach(false, i -> {
                        if (kinds.stream().anyMatch(k -> FeedStream.mayHold(i.pattern(), k))) {
                            top.offer(descriptive ? i : new Feed.Indicator(i.id(), i.pattern(), i.confidence(), i.modified()));
                        }
                    });
                    FeedSelection selection = top.result();
                    switch (formatName) {
                        case "csv" -> body = FeedCsv.write(selection, new CourseOfActionTitles(services.graph(), readable));
                        case "rpz" -> body = FeedRpz.write(selection, FeedRpz.serial(validated.lastChange()), about, explained);
                        case "suricata" -> {
                            ServerBase base = serverBase(uriInfo, root);
                            body = FeedSuricata.write(selection, services.suricataSids(), base == null ? null : base.withoutScheme(), about, explained);
                        }
                        case "zeek" -> {
                            ServerBase base = serverBase(uriInfo, root);
                            body = FeedZeek.write(selection, base == null ? null : base.withScheme(), about, explained);
                        }
                        default -> body = FeedText.write(Feed.of(list, selection),
                                new FeedText.About(list.pathName(), root.name(), target.name(), now, target.members()), explained);
                    }
                }
            } catch (OutOfMemoryError e) {
                LOG.warn("Feed {} of {} with max={} did not fit in memory", formatName, target.name(), cap);
                throw unavailable("This feed with max=" + cap + " does not fit in the server's memory now; "
                        + "ask for a smaller max, or leave max out to have the feed streamed.");
            }
        }
        Response.ResponseBuilder r = Response.ok(body, mediaType).header("X-Content-Type-Options", "nosniff");
        return (validated.validator() == null ? r.header("Cache-Control", "no-store") : validated.validator().decorate(r))
                .build();
    }

    /** How long a feed waits for a collection's first validity read after a start before it answers without a validator. */
    private static final java.time.Duration FIRST_READ_WAIT = java.time.Duration.ofMillis(200);

    /**
     * A feed's validator and last change, computed before the indicators are read: each
     * collection's change marker (one row each), the latest validity boundary passed (known from
     * the last read at this marker, else read from what was added since, see {@link FeedBoundaries}),
     * the allow-list's build time, and for {@code csv} and {@code stix} the markers of every
     * readable collection (their courses of action); plus the format, the feed (collection or
     * set, and for a set which of its collections the reader may read), the normalised query and the reader.
     *
     * @param lastChange the latest of all these change times (the RPZ serial, Last-Modified)
     * @param validator  null when the store cannot tell when a collection changed, or while a large
     *                   collection's first validity read after a start is still going on
     */
    private record Validated(Conditional.Validator validator, long lastChange) {
    }

    private Validated validate(FeedTarget target, AllowList allow, List<String> readable, String formatName,
                               UriInfo uriInfo, Requester requester, Instant now) {
        var store = services.taxii().store();
        long loaded = allow.loadedMicros();
        long lastChange = loaded;
        boolean untracked = false;
        StringBuilder markers = new StringBuilder();
        long nowMicros = CurrentIndicators.micros(now);
        for (CollectionInfo c : target.collections()) {
            long own = store.lastChange(c.id());
            if (own < 0) {
                long passed = CurrentIndicators.read(store, c.id(), now, null, false, null).at(nowMicros).passedMicros();
                lastChange = Math.max(lastChange, passed);
                untracked = true;
                continue;
            }
            OptionalLong known = boundaries.refreshWithin(store, c.id(), own, now, FIRST_READ_WAIT);
            if (known.isEmpty()) {
                // a large collection's boundaries are still being read after a start: answer now, without
                // a validator (the feed itself checks each indicator's validity), rather than wait for them
                lastChange = Math.max(lastChange, own);
                untracked = true;
                continue;
            }
            long passed = known.getAsLong();
            lastChange = Math.max(lastChange, Math.max(own, passed));
            markers.append(c.id()).append('@').append(own).append('/').append(passed).append(' ');
        }
        if (untracked) {
            return new Validated(null, lastChange);
        }
        StringBuilder others = new StringBuilder();
        for (String id : readable) {
            long marker = store.lastChange(id);
            lastChange = Math.max(lastChange, marker);
            others.append(id).append('@').append(marker).append(' ');
        }
        // the base URI: Suricata and Zeek link back to this server as the request reached it
        Conditional.Validator validator = Conditional.validator(List.of("feed", formatName, target.key(),
                uriInfo.getBaseUri().toString(), Conditional.normalisedQuery(withoutFeedKey(uriInfo.getQueryParameters())),
                requester.isAuthenticated() ? "account:" + requester.name() : "anonymous",
                markers.toString(), Long.toString(loaded), others.toString()),
                lastChange, !requester.isAuthenticated());
        return new Validated(validator, lastChange);
    }

    /** The query without a feed key: validators and links never carry one. */
    private static jakarta.ws.rs.core.MultivaluedMap<String, String> withoutFeedKey(
            jakarta.ws.rs.core.MultivaluedMap<String, String> query) {
        var copy = new jakarta.ws.rs.core.MultivaluedHashMap<String, String>(query);
        copy.remove(AuthFilter.FEED_KEY_PARAMETER);
        return copy;
    }

    static final String FORMAT_NAMES = "ip, domain, domain-wildcard, url, url-panos, url-fortigate, "
            + "hash-sha256, hash-sha1, hash-md5, csv, rpz, suricata, zeek, stix";

    private List<String> readable(CollectionAccess access, ApiRootInfo root) {
        return services.taxii().catalog().collections(root.name()).stream()
                .filter(c -> access.allows(Operation.READ_FEED, c)).map(CollectionInfo::id).toList();
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
