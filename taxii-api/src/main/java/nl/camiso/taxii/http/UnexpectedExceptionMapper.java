package nl.camiso.taxii.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Map;
import java.util.UUID;

/** Anything unexpected: logged with an id; the client gets a 500 with only that id, no internals. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "unexpected error " + id, e);
        return ErrorResponses.error(500, "Internal Server Error",
                "The server could not complete the request. It has been logged with id " + id + ".", Map.of());
    }
}
