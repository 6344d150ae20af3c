package nl.camiso.taxii.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import nl.camiso.stix.StixJson;

import java.util.Map;

/** The TAXII error resource (§3.6.1): {@code title}, optional {@code description}, {@code http_status} as a string. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response error(int status, String title, String description, Map<String, String> headers) {
        Response.ResponseBuilder r = Response.status(status)
                .entity(body(status, title, description))
                .type(TaxiiMediaTypes.TAXII_21_TYPE);
        headers.forEach(r::header);
        return r.build();
    }

    /** The error resource as JSON bytes, for answers written outside JAX-RS (the HTTP layer's own). */
    public static byte[] body(int status, String title, String description) {
        ObjectNode body = StixJson.mapper().createObjectNode();
        body.put("title", title);
        if (description != null) {
            body.put("description", description);
        }
        body.put("http_status", Integer.toString(status));
        return StixJson.writeBytes(body);
    }
}
