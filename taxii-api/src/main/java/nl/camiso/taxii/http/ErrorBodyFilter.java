package nl.camiso.taxii.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;

import java.lang.annotation.Annotation;

/**
 * Every error response carries a TAXII error resource. Jersey answers some client mistakes
 * itself, with a bare status and no exception mapper involved: an Accept or Content-Type header
 * it cannot parse gives an empty 400. This fills in the body.
 */
@Priority(Priorities.USER)
public final class ErrorBodyFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        String description = status == 400
                ? "The request could not be understood: check the URL and the Accept and Content-Type headers."
                : null;
        response.setEntity(ErrorResponses.body(status, title, description), new Annotation[0],
                TaxiiMediaTypes.TAXII_21_TYPE);
    }
}
