package nl.camiso.taxii.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import nl.camiso.taxii.TaxiiException;

/**
 * 406 and 415 for TAXII endpoints (see {@link TaxiiMediaTypes} for the rules). Runs after
 * authentication, so an unauthenticated request gets 401 first, and before any lookup, so the
 * answer never depends on whether a resource exists.
 */
@TaxiiEndpoint
@Priority(Priorities.HEADER_DECORATOR)
public final class NegotiationFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String accept = String.join(",", request.getHeaders().getOrDefault(HttpHeaders.ACCEPT, java.util.List.of()));
        if (!TaxiiMediaTypes.acceptable(accept)) {
            throw new TaxiiException(406, "Not Acceptable",
                    "This server answers in " + TaxiiMediaTypes.TAXII_21 + "; the Accept header must allow it.");
        }
        if (HttpMethod.POST.equals(request.getMethod())
                && !TaxiiMediaTypes.acceptableContentType(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            throw new TaxiiException(415, "Unsupported Media Type",
                    "The request body must be sent as Content-Type: " + TaxiiMediaTypes.TAXII_21
                            + " (application/stix+json;version=2.1 and application/json are accepted too).");
        }
    }
}
