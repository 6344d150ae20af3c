package nl.camiso.server.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import nl.camiso.taxii.TaxiiException;

/** Stand-in for the protocol layer's mapper (tests of the server runtime alone). */
public final class TestTaxiiExceptionMapper implements ExceptionMapper<TaxiiException> {
    @Override
    public Response toResponse(TaxiiException e) {
        Response.ResponseBuilder r = Response.status(e.status()).entity(e.title());
        e.headers().forEach(r::header);
        return r.build();
    }
}
