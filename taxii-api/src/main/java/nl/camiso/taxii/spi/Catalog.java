package nl.camiso.taxii.spi;

import java.util.List;
import java.util.Optional;

/** The server's configured API roots and collections, as the protocol layer sees them. */
public interface Catalog {

    String title();

    /** Optional; null when absent. */
    String description();

    /** Optional; null when absent. */
    String contact();

    /** Name of the default API root, if one is configured. */
    Optional<String> defaultApiRoot();

    List<ApiRootInfo> apiRoots();

    Optional<ApiRootInfo> apiRoot(String name);

    /** All collections of an API root, always in the same order. */
    List<CollectionInfo> collections(String apiRoot);

    /** Looks a collection up by id or alias. */
    Optional<CollectionInfo> collection(String apiRoot, String idOrAlias);
}
