package nl.camiso.taxii;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers the whole TAXII 2.1 protocol layer (resources, negotiation, error mapping) with a
 * JAX-RS application: {@code resourceConfig.register(new TaxiiApi(services))}.
 *
 * <p>TODO(TAXII server issue): register the resources; this stub registers nothing.
 */
public final class TaxiiApi implements Feature {

    private final TaxiiServices services;

    public TaxiiApi(TaxiiServices services) {
        this.services = services;
    }

    public TaxiiServices services() {
        return services;
    }

    @Override
    public boolean configure(FeatureContext context) {
        return true;
    }
}
