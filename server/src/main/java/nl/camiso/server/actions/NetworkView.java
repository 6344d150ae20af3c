package nl.camiso.server.actions;

import nl.camiso.server.auth.AccountRequester;
import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.config.OrganisationConfig;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.Requester;

import java.util.Optional;

/**
 * What the release and consent endpoints need to know about the network: a requester's
 * organisation, the organisation behind an identity id, and a collection's TLP level. Read from
 * the configuration (through the catalog); the network helper's managed model can replace it.
 */
public class NetworkView {

    private final ConfiguredCatalog catalog;

    public NetworkView(ConfiguredCatalog catalog) {
        this.catalog = catalog;
    }

    /** The requester's organisation; empty for anonymous requesters and accounts without one. */
    public Optional<OrganisationConfig> organisationOf(Requester requester) {
        if (!(requester instanceof AccountRequester a) || a.account().organisation() == null) {
            return Optional.empty();
        }
        return organisation(a.account().organisation());
    }

    public Optional<OrganisationConfig> organisation(String name) {
        return catalog.config().organisations().stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The organisation whose STIX identity has this id. */
    public Optional<OrganisationConfig> organisationByIdentity(String identityId) {
        if (identityId == null) {
            return Optional.empty();
        }
        return catalog.config().organisations().stream().filter(o -> identityId.equals(o.identity())).findFirst();
    }

    public Optional<Tlp> tlp(CollectionInfo collection) {
        return catalog.collectionConfig(collection.apiRoot(), collection.id()).map(CollectionConfig::tlp);
    }
}
