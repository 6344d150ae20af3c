package nl.camiso.server.actions;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import nl.camiso.server.audit.AuditSink;
import nl.camiso.server.config.ConfiguredCatalog;
import nl.camiso.server.network.Network;
import nl.camiso.taxii.Injection;
import nl.camiso.taxii.TaxiiServices;

import java.util.Set;

/**
 * Registers the sharing network's extension endpoints under {@code /{root}/x-camiso/}
 * ({@link ExtensionResource}): {@code resourceConfig.register(CamisoExtensions.create(...))}.
 */
public final class CamisoExtensions implements Feature {

    /** What the extension endpoints use. */
    public record Services(TaxiiServices taxii, ObjectGraph graph, NetworkView network, ConsentStore consents,
                           Sanitiser sanitiser, AuditSink audit) {
    }

    private final Services services;

    public CamisoExtensions(Services services) {
        this.services = services;
    }

    /** On the configured network; no extension is on the release allow-list. */
    public static CamisoExtensions create(TaxiiServices taxii, ConsentStore consents, ConfiguredCatalog catalog,
                                          Network network, AuditSink audit) {
        return new CamisoExtensions(new Services(taxii, new ObjectGraph(taxii.store()), NetworkView.of(catalog, network),
                consents, new Sanitiser(Set.of()), audit));
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new Injection.Binding<>(services, Services.class) { });
        context.register(ExtensionResource.class);
        return true;
    }
}
