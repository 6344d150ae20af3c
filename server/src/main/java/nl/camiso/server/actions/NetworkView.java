package nl.camiso.server.actions;

import nl.camiso.server.config.CollectionConfig;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.server.network.NetworkSnapshot;
import nl.camiso.server.network.Organisation;
import nl.camiso.stix.marking.Tlp;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.server.identity.Principal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the release and consent endpoints need to know about the network: a requester's
 * organisation, the organisation behind an identity id (organisations from the live
 * {@link Network}, so admin changes apply without a restart), and a collection's TLP level
 * (from the configuration).
 */
public class NetworkView {

    private final ConfiguredCatalog catalog;
    private final Supplier<NetworkSnapshot> network;

    public NetworkView(ConfiguredCatalog catalog, Supplier<NetworkSnapshot> network) {
        this.catalog = catalog;
        this.network = network;
    }

    public static NetworkView of(ConfiguredCatalog catalog, Network network) {
        return new NetworkView(catalog, network::current);
    }

    /** The principal's organisation; empty for anonymous and accounts without one. */
    public Optional<Organisation> organisationOf(Principal principal) {
        if (principal.organisation() == null) {
            return Optional.empty();
        }
        return organisation(principal.organisation());
    }

    public Optional<Organisation> organisation(String name) {
        return network.get().organisation(name);
    }

    /** The organisation whose STIX identity has this id. */
    public Optional<Organisation> organisationByIdentity(String identityId) {
        if (identityId == null) {
            return Optional.empty();
        }
        return network.get().organisations().values().stream().filter(o -> identityId.equals(o.identity())).findFirst();
    }

    public Optional<Tlp> tlp(CollectionInfo collection) {
        return catalog.collectionConfig(collection.apiRoot(), collection.id()).map(CollectionConfig::tlp);
    }
}
