package nl.camiso.taxii.http;

import jakarta.ws.rs.core.MediaType;

import java.util.Locale;
import java.util.Set;

/**
 * The TAXII media type and the negotiation rules (§1.6.8, §3.1).
 *
 * <p>Accept: served when any listed range (with q &gt; 0) is {@code *}{@code /*},
 * {@code application/*}, or {@code application/taxii+json} without a version or with
 * {@code version=2.1}; other parameters such as {@code charset} are ignored. A missing or
 * empty Accept header is served too (lenient: RFC 9110 reads it as "anything"). Everything else,
 * {@code version=2.0} included, is 406. {@code application/stix+json;version=2.1} next to the
 * TAXII type is fine; on its own it is 406, since every response is a TAXII resource.
 *
 * <p>Content-Type of a POST: {@code application/taxii+json}, and beyond the letter of §5.5
 * {@code application/stix+json} (OpenCTI's push connector) and {@code application/json}, each with
 * {@code version=2.1} or without a version (a {@code charset} parameter is tolerated); any other
 * version, any other type, or none is 415. Responses are always {@link #TAXII_21}.
 */
public final class TaxiiMediaTypes {

    public static final String TAXII_21 = "application/taxii+json;version=2.1";
    public static final MediaType TAXII_21_TYPE = new MediaType("application", "taxii+json",
            java.util.Map.of("version", "2.1"));
    /** What a collection holds by default, for manifest records whose store gave no media type. */
    public static final String STIX_PREFIX = "application/stix+json;version=";
    /** The Content-Types a POST body may be sent as (see the class comment). */
    private static final Set<String> POST_TYPES =
            Set.of("application/taxii+json", "application/stix+json", "application/json");

    private TaxiiMediaTypes() {
    }

    /** Whether a response in {@link #TAXII_21} satisfies this Accept header. */
    public static boolean acceptable(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            Parsed p = Parsed.of(range);
            if (p == null || p.q <= 0) {
                continue;
            }
            if (p.type.equals("*/*") || p.type.equals("application/*")) {
                return true;
            }
            if (p.type.equals("application/taxii+json") && (p.version == null || p.version.equals("2.1"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a POST body with this Content-Type is accepted. */
    public static boolean acceptableContentType(String contentType) {
        if (contentType == null || contentType.contains(",")) {
            return false;
        }
        Parsed p = Parsed.of(contentType);
        return p != null && POST_TYPES.contains(p.type) && (p.version == null || p.version.equals("2.1"));
    }

    /** One media range: lower-cased type/subtype, its version parameter and q. */
    private record Parsed(String type, String version, double q) {

        static Parsed of(String text) {
            String[] parts = text.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = type.indexOf('/');
            if (slash <= 0 || slash == type.length() - 1) {
                return null;
            }
            String version = null;
            double q = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = param.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (name.equals("version")) {
                    version = value;
                } else if (name.equals("q")) {
                    try {
                        q = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            return new Parsed(type, version, q);
        }
    }
}
