package nl.camiso.taxii.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Anything unexpected: logged with an id (see {@link ErrorLog}); the client gets a 500 with only
 * that id, no internals. An I/O failure is the request body breaking off or arriving malformed
 * (the server's own code wraps its rare ones in UncheckedIOException): that is the client's 400, and not logged.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null && !(t instanceof UncheckedIOException); t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return ErrorResponses.error(400, "Bad Request", "The request body could not be read completely.", Map.of());
            }
        }
        String id = ErrorLog.unexpected(e);
        return ErrorResponses.error(500, "Internal Server Error",
                "The server could not complete the request. It has been logged with id " + id + ".", Map.of());
    }
}
