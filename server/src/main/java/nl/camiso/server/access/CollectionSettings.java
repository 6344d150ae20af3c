package nl.camiso.server.access;

import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.Optional;

/** Where the rules find a collection's sharing-network settings (owner, TLP, public, reporting). */
@FunctionalInterface
public interface CollectionSettings {

    Optional<CollectionConfig> of(CollectionInfo collection);

    static CollectionSettings from(ConfiguredCatalog catalog) {
        return c -> catalog.collectionConfig(c.apiRoot(), c.id());
    }
}
