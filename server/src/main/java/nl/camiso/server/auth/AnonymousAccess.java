package nl.camiso.server.auth;

import nl.camiso.server.access.PublicRule;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.server.config.CamisoConfig;
import nl.camiso.server.config.CollectionConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which requests without credentials may proceed as {@link AnonymousRequester}; all others get
 * 401 with a challenge. Anonymous requests are read-only (GET, HEAD) and limited to the paths a
 * reader of a public TLP:CLEAR collection needs:
 * <pre>
 *   /{root}/                                   (API root information, when the root has a public collection)
 *   /{root}/collections/                       (lists the public collections only)
 *   /{root}/collections/{public}/              and its objects/, objects/{id}/, objects/{id}/versions/, manifest/
 *   /{root}/x-camiso/feeds/{public}/{format}   (block-list feeds of a public collection)
 * </pre>
 * Discovery ({@code /taxii2/}), status resources, writes and the other extension endpoints always ask for
 * credentials. The decision depends only on the configuration (which collections are public),
 * never on stored data, so a 401 reveals nothing about what exists.
 */
@FunctionalInterface
public interface AnonymousAccess {

    AnonymousAccess NONE = (method, path) -> false;

    /** @param path the request path relative to the server root, decoded (leading '/' optional) */
    boolean allows(String method, String path);

    /** Anonymous reading of the configuration's public collections, as described above. */
    static AnonymousAccess publicCollections(CamisoConfig config) {
        Map<String, Set<String>> publicByRoot = new HashMap<>();
        for (ApiRootConfig r : config.apiRoots()) {
            for (CollectionConfig c : r.collections()) {
                if (PublicRule.isPublic(c)) {
                    Set<String> names = publicByRoot.computeIfAbsent(r.name(), k -> new HashSet<>());
                    names.add(c.id());
                    if (c.alias() != null) {
                        names.add(c.alias());
                    }
                }
            }
        }
        if (publicByRoot.isEmpty()) {
            return NONE;
        }
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
            Set<String> names = publicByRoot.get(s.get(0));
            if (names == null) {
                return false;
            }
            if (s.size() == 1) {
                return true;
            }
            if (s.size() == 5 && s.get(1).equals("x-camiso") && s.get(2).equals("feeds")) {
                return names.contains(s.get(3));
            }
            if (!s.get(1).equals("collections")) {
                return false;
            }
            if (s.size() == 2) {
                return true;
            }
            if (!names.contains(s.get(2))) {
                return false;
            }
            return switch (s.size()) {
                case 3 -> true;
                case 4 -> s.get(3).equals("objects") || s.get(3).equals("manifest");
                case 5 -> s.get(3).equals("objects");
                case 6 -> s.get(3).equals("objects") && s.get(5).equals("versions");
                default -> false;
            };
        };
    }
}
