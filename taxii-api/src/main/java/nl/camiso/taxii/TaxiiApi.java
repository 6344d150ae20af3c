package nl.camiso.taxii;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import nl.camiso.taxii.http.ContentTypeFilter;
import nl.camiso.taxii.http.ErrorBodyFilter;
import nl.camiso.taxii.http.NegotiationFilter;
import nl.camiso.taxii.http.TaxiiExceptionMapper;
import nl.camiso.taxii.http.UnexpectedExceptionMapper;
import nl.camiso.taxii.http.WebApplicationExceptionMapper;
import nl.camiso.taxii.resources.ApiRootResource;
import nl.camiso.taxii.resources.CollectionResource;
import nl.camiso.taxii.resources.DiscoveryResource;

/**
 * Registers the whole TAXII 2.1 protocol layer (resources, negotiation, error mapping) with a
 * JAX-RS application: {@code resourceConfig.register(new TaxiiApi(services))}.
 *
 * <p>The server's authentication filter runs first and stores a
 * {@link nl.camiso.taxii.spi.Requester} in request property
 * {@link nl.camiso.taxii.spi.Requester#PROPERTY}; requests without one are anonymous. To reject
 * bad credentials it throws {@link TaxiiException} 401 with a {@code WWW-Authenticate} header,
 * which the mapper registered here writes as a TAXII error.
 */
public final class TaxiiApi implements Feature {

    private final TaxiiServices services;

    public TaxiiApi(TaxiiServices services) {
        if (services.maxPageSize() < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1");
        }
        this.services = services;
    }

    public TaxiiServices services() {
        return services;
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new Injection.Binding<>(services, TaxiiServices.class) { });
        // no WADL: OPTIONS and application.wadl are not part of TAXII
        context.property("jersey.config.server.wadl.disableWadl", true);
        context.register(DiscoveryResource.class);
        context.register(ApiRootResource.class);
        context.register(CollectionResource.class);
        context.register(NegotiationFilter.class);
        context.register(ContentTypeFilter.class);
        context.register(ErrorBodyFilter.class);
        context.register(TaxiiExceptionMapper.class);
        context.register(WebApplicationExceptionMapper.class);
        context.register(UnexpectedExceptionMapper.class);
        return true;
    }
}
