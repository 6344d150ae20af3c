package nl.camiso.server.config;

import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The API roots and collections of the configuration file, in file order. Immutable. */
public final class ConfiguredCatalog implements Catalog {

    public static final String STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

    private final CamisoConfig config;
    private final List<ApiRootInfo> roots;
    private final Map<String, List<CollectionInfo>> collections = new LinkedHashMap<>();

    public ConfiguredCatalog(CamisoConfig config) {
        this.config = config;
        this.roots = config.apiRoots().stream()
                .map(r -> new ApiRootInfo(r.name(), r.title(), r.description(), r.maxContentLength()))
                .toList();
        for (ApiRootConfig r : config.apiRoots()) {
            collections.put(r.name(), r.collections().stream()
                    .map(c -> new CollectionInfo(c.id(), r.name(), c.title(), c.description(), c.alias(),
                            List.of(STIX_MEDIA_TYPE)))
                    .toList());
        }
    }

    public CamisoConfig config() {
        return config;
    }

    @Override
    public String title() {
        return config.server().title();
    }

    @Override
    public String description() {
        return config.server().description();
    }

    @Override
    public String contact() {
        return config.server().contact();
    }

    @Override
    public Optional<String> defaultApiRoot() {
        return Optional.ofNullable(config.server().defaultApiRoot());
    }

    @Override
    public List<ApiRootInfo> apiRoots() {
        return roots;
    }

    @Override
    public Optional<ApiRootInfo> apiRoot(String name) {
        return roots.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    @Override
    public List<CollectionInfo> collections(String apiRoot) {
        return collections.getOrDefault(apiRoot, List.of());
    }

    @Override
    public Optional<CollectionInfo> collection(String apiRoot, String idOrAlias) {
        return collections(apiRoot).stream()
                .filter(c -> c.id().equals(idOrAlias) || idOrAlias.equals(c.alias()))
                .findFirst();
    }

    /** The configuration entry (sharing-network fields: initiative, TLP, ...) of a collection. */
    public Optional<CollectionConfig> collectionConfig(String apiRoot, String collectionId) {
        return config.apiRoot(apiRoot).flatMap(r -> r.collection(collectionId));
    }
}
