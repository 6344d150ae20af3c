package nl.camiso.taxii.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * Jersey's own errors (no matching path 404, 405, 400 from a bad parameter, ...) as TAXII errors.
 * The description is generic: Jersey's messages may name internals.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        String logged = status >= 500 ? ErrorLog.unexpected(e) : null;
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        Map<String, String> headers = new HashMap<>();
        if (original != null) {
            for (String name : new String[] {HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER}) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return ErrorResponses.error(status, title, logged == null ? describe(status)
                : "The server could not complete the request. It has been logged with id " + logged + ".", headers);
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "No such resource, or you may not see it.";
            case 405 -> "This method is not supported on this URL.";
            case 406 -> "This server answers in " + TaxiiMediaTypes.TAXII_21 + "; the Accept header must allow it.";
            case 415 -> "The request body must be sent as " + TaxiiMediaTypes.TAXII_21 + ".";
            case 400 -> "The request could not be understood.";
            default -> null;
        };
    }
}
