package nl.camiso.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.http.TaxiiMediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * How CAMISO's JSON endpoints beside TAXII (actions, release, consent, forwarding, audit,
 * administration) negotiate and read: one meaning of {@code Accept}, one check of
 * {@code Content-Type}, one capped body reader, each answering a client mistake with a TAXII error.
 */
public final class JsonExchange {

    private JsonExchange() {
    }

    /**
     * Served: no {@code Accept}, {@code application/json}, the TAXII 2.1 type (with or without its
     * version) and wildcards; anything else is 406 naming {@code endpoint}.
     */
    public static void requireAcceptsJson(String accept, String endpoint) {
        if (accept == null || accept.isBlank() || TaxiiMediaTypes.acceptable(accept)) {
            return;
        }
        for (String range : accept.split(",")) {
            if (mediaType(range).equals("application/json") && !range.replace(" ", "").contains(";q=0")) {
                return;
            }
        }
        throw new TaxiiException(406, "Not Acceptable", endpoint + " answers application/json or "
                + TaxiiMediaTypes.TAXII_21 + ".");
    }

    /** A request body is {@code application/json} (or the TAXII type); else 415. */
    public static void requireJsonContent(String contentType) {
        String type = contentType == null ? "" : mediaType(contentType);
        if (!type.equals("application/json") && !type.equals("application/taxii+json")) {
            throw new TaxiiException(415, "Unsupported Media Type", "Send the request body as Content-Type: application/json.");
        }
    }

    /**
     * The body as a JSON object, read up to {@code maxOctets}: 413 beyond, 400 for anything but one
     * JSON object ({@code shape} says what is expected). An empty body is {@code null} when
     * {@code emptyIsNull}, else 400.
     */
    public static JsonNode readObject(InputStream in, int maxOctets, boolean emptyIsNull, String shape) {
        byte[] bytes;
        try {
            bytes = in == null ? new byte[0] : in.readNBytes(maxOctets + 1);
        } catch (IOException e) {
            throw badRequest("The request body could not be read.");
        }
        if (bytes.length > maxOctets) {
            throw new TaxiiException(413, "Payload Too Large", "The request body may be at most " + maxOctets + " octets.");
        }
        if (bytes.length == 0 && emptyIsNull) {
            return null;
        }
        JsonNode n;
        try {
            n = bytes.length == 0 ? null : StixJson.parse(bytes);
        } catch (JsonProcessingException e) {
            throw badRequest("The request body is not valid JSON: " + StixJson.problem(e));
        } catch (IOException e) {
            throw badRequest("The request body could not be read.");
        }
        if (n == null || !n.isObject()) {
            throw badRequest("The request body must be a JSON object" + (shape == null ? "." : ": " + shape));
        }
        return n;
    }

    private static String mediaType(String range) {
        return range.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static TaxiiException badRequest(String message) {
        return new TaxiiException(400, "Bad Request", message);
    }
}
