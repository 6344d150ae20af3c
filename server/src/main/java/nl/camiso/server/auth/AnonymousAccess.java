package nl.camiso.server.auth;

import nl.camiso.server.identity.Principal;
import nl.camiso.taxii.access.Authorizer;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.List;
import java.util.Optional;

/**
 * Which requests without credentials may proceed as {@link Principal#ANONYMOUS}; all others get
 * 401 with a challenge. It names the operation a request path asks for and lets the authorizer
 * decide it for the anonymous principal, before anything else runs:
 * <pre>
 *   GET|HEAD /{root}/                                  read-api-root
 *   GET|HEAD /{root}/collections/                      read-api-root (lists what anonymous may see)
 *   GET|HEAD /{root}/collections/{c}/                  read-collection
 *   GET|HEAD /{root}/collections/{c}/objects/[{id}/]   read-objects
 *   GET|HEAD /{root}/collections/{c}/manifest/         read-manifest
 *   GET|HEAD /{root}/collections/{c}/objects/{id}/versions/   read-versions
 *   GET|HEAD /{root}/x-camiso/feeds/{c}/{format}       read-feed
 *   GET|HEAD /{root}/x-camiso/feeds/{set}/{format}     read-feed on any collection of the feed set
 * </pre>
 * Anything else (discovery, status resources, writes, the other extension endpoints, unknown API
 * roots and collections) asks for credentials. The server's authorizer lets anonymous read only
 * public TLP:CLEAR collections, which the configuration names, so a 401 reveals nothing about
 * stored data.
 */
@FunctionalInterface
public interface AnonymousAccess {

    AnonymousAccess NONE = (method, path) -> false;

    /** @param path the request path relative to the server root, decoded (leading '/' optional) */
    boolean allows(String method, String path);

    /** What the authorizer lets {@link Principal#ANONYMOUS} do, by request path (no feed sets). */
    static AnonymousAccess of(Catalog catalog, Authorizer<Principal> authorizer) {
        return of(catalog, authorizer, (root, name) -> List.of());
    }

    /**
     * @param feedSets the collections (ids or aliases) of a feed set by API root and name; empty
     *                 when there is no such set
     */
    static AnonymousAccess of(Catalog catalog, Authorizer<Principal> authorizer,
                              java.util.function.BiFunction<String, String, List<String>> feedSets) {
        return (method, path) -> {
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                return false;
            }
            String p = path.startsWith("/") ? path.substring(1) : path;
            if (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            List<String> s = List.of(p.split("/", -1));
            if (s.stream().anyMatch(String::isEmpty)) {
                return false;
            }
            Optional<ApiRootInfo> root = catalog.apiRoot(s.get(0));
            if (root.isEmpty()) {
                return false;
            }
            if (s.size() <= 2 && (s.size() == 1 || s.get(1).equals("collections"))) {
                return allowed(authorizer, Operation.READ_API_ROOT, Target.apiRoot(root.get()));
            }
            boolean feed = s.size() == 5 && s.get(1).equals("x-camiso") && s.get(2).equals("feeds");
            if (!feed && !s.get(1).equals("collections")) {
                return false;
            }
            Optional<CollectionInfo> c = catalog.collection(root.get().name(), s.get(feed ? 3 : 2));
            if (c.isEmpty() && feed) {
                // a feed set: the feed answers with the collections anonymous may read, if any
                return feedSets.apply(root.get().name(), s.get(3)).stream()
                        .map(ref -> catalog.collection(root.get().name(), ref)).flatMap(Optional::stream)
                        .anyMatch(col -> allowed(authorizer, Operation.READ_FEED, Target.collection(col)));
            }
            if (c.isEmpty()) {
                return false;
            }
            Operation op = feed ? Operation.READ_FEED : switch (s.size()) {
                case 3 -> Operation.READ_COLLECTION;
                case 4 -> s.get(3).equals("objects") ? Operation.READ_OBJECTS
                        : s.get(3).equals("manifest") ? Operation.READ_MANIFEST : null;
                case 5 -> s.get(3).equals("objects") ? Operation.READ_OBJECTS : null;
                case 6 -> s.get(3).equals("objects") && s.get(5).equals("versions") ? Operation.READ_VERSIONS : null;
                default -> null;
            };
            return op != null && allowed(authorizer, op, Target.collection(c.get()));
        };
    }

    private static boolean allowed(Authorizer<Principal> authorizer, Operation op, Target target) {
        return authorizer.decide(Principal.ANONYMOUS, op, target).isAllowed();
    }
}
