package nl.camiso.taxii.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import nl.camiso.taxii.TaxiiException;

/** Writes a {@link TaxiiException} as a TAXII error with its status and headers (e.g. WWW-Authenticate). */
public final class TaxiiExceptionMapper implements ExceptionMapper<TaxiiException> {

    @Override
    public Response toResponse(TaxiiException e) {
        return ErrorResponses.error(e.status(), e.title(), e.description(), e.headers());
    }
}
