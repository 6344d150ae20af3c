package nl.camiso.server.http;

import nl.camiso.taxii.http.ErrorLog;
import nl.camiso.taxii.http.ErrorResponses;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

import java.nio.charset.StandardCharsets;

/**
 * The pages Grizzly writes itself after a request was parsed (an exception that escaped the
 * application, 503 while shutting down, ...): TAXII error resources instead of HTML with a stack
 * trace. An exception is logged once through {@link ErrorLog}, and the client gets its id.
 */
final class JsonErrorPages implements ErrorPageGenerator {

    static final int SHUTDOWN_RETRY_AFTER_SECONDS = 30;

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        String text;
        if (exception != null) {
            text = "The server could not complete the request. It has been logged with id "
                    + ErrorLog.unexpected(exception) + ".";
        } else if (status >= 500) {
            text = "The server could not complete the request.";
        } else {
            text = description;
        }
        // the caller sets text/html unless a type is set: set ours first
        request.getResponse().setContentType(TaxiiMediaTypes.TAXII_21);
        if (status == 503 && !request.getResponse().containsHeader("Retry-After")) {
            // Grizzly's own 503 is the graceful shutdown: a restart is usually back within this
            request.getResponse().setHeader("Retry-After", Integer.toString(SHUTDOWN_RETRY_AFTER_SECONDS));
        }
        return new String(ErrorResponses.body(status, reasonPhrase, text), StandardCharsets.UTF_8);
    }
}
