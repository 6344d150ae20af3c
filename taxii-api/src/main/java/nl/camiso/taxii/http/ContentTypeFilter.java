package nl.camiso.taxii.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.List;

/**
 * Every response of a TAXII endpoint (errors and bodiless DELETE 200 included) and every response
 * to a path that matched no resource carries {@code Content-Type: application/taxii+json;version=2.1}.
 * Responses of the server's own non-TAXII resources are left alone.
 */
public final class ContentTypeFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        List<Object> matched = request.getUriInfo().getMatchedResources();
        boolean taxii = matched.isEmpty() || matched.get(0).getClass().isAnnotationPresent(TaxiiEndpoint.class);
        if (taxii) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, TaxiiMediaTypes.TAXII_21);
        }
    }
}
