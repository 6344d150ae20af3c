package nl.camiso.taxii.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.StreamingOutput;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import nl.camiso.taxii.query.TaxiiTimestamps;
import nl.camiso.taxii.spi.StatusDetail;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the TAXII resources. Pages of objects are streamed: the envelope's few bytes are written
 * around each object's stored JSON, which is copied as is and never parsed again. Empty lists are
 * omitted (§2), so an empty page without more results is {@code {}}; a non-empty page always says
 * {@code "more"} explicitly, and {@code "next"} whenever {@code more} is true.
 */
public final class TaxiiJson {

    private static final byte[] OBJECTS_OPEN = "\"objects\":[".getBytes(StandardCharsets.US_ASCII);

    private TaxiiJson() {
    }

    /** An envelope (§3.7) around stored objects. {@code next} must be ASCII-safe (it is base64url). */
    public static StreamingOutput envelope(List<StoredVersion> items, boolean more, String next) {
        return out -> {
            StringBuilder head = new StringBuilder(64).append('{');
            boolean any = pagingFields(head, items.isEmpty(), more, next);
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (!items.isEmpty()) {
                if (any) {
                    out.write(',');
                }
                out.write(OBJECTS_OPEN);
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(items.get(i).json());
                }
                out.write(']');
            }
            out.write('}');
        };
    }

    /** A manifest (§5.3.1): one record per object version. */
    public static StreamingOutput manifest(List<StoredVersion> items, boolean more, String next) {
        return out -> {
            try (JsonGenerator g = generator(out)) {
                g.writeStartObject();
                writePaging(g, items.isEmpty(), more, next);
                if (!items.isEmpty()) {
                    g.writeArrayFieldStart("objects");
                    for (StoredVersion v : items) {
                        g.writeStartObject();
                        g.writeStringField("id", v.objectId());
                        g.writeStringField("date_added", TaxiiTimestamps.format(v.dateAddedMicros()));
                        g.writeStringField("version", v.version());
                        String mediaType = v.mediaType() != null ? v.mediaType()
                                : v.specVersion() != null ? TaxiiMediaTypes.STIX_PREFIX + v.specVersion() : null;
                        if (mediaType != null) {
                            g.writeStringField("media_type", mediaType);
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
        };
    }

    /** A versions resource (§5.8.1). */
    public static StreamingOutput versions(List<StoredVersion> items, boolean more, String next) {
        return out -> {
            try (JsonGenerator g = generator(out)) {
                g.writeStartObject();
                writePaging(g, items.isEmpty(), more, next);
                if (!items.isEmpty()) {
                    g.writeArrayFieldStart("versions");
                    for (StoredVersion v : items) {
                        g.writeString(v.version());
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
        };
    }

    /** A status resource (§4.3.1); empty detail lists are omitted. */
    public static byte[] status(StatusRecord s) {
        ObjectNode n = StixJson.mapper().createObjectNode();
        n.put("id", s.id());
        n.put("status", s.status());
        n.put("request_timestamp", TaxiiTimestamps.format(s.requestTimestampMicros()));
        n.put("total_count", s.totalCount());
        n.put("success_count", s.successCount());
        n.put("failure_count", s.failureCount());
        n.put("pending_count", s.pendingCount());
        details(n, "successes", s.successes());
        details(n, "failures", s.failures());
        details(n, "pendings", s.pendings());
        return StixJson.writeBytes(n);
    }

    private static void details(ObjectNode n, String name, List<StatusDetail> list) {
        if (list.isEmpty()) {
            return;
        }
        ArrayNode a = n.putArray(name);
        for (StatusDetail d : list) {
            ObjectNode e = a.addObject();
            e.put("id", d.id());
            e.put("version", d.version());
            if (d.message() != null) {
                e.put("message", d.message());
            }
        }
    }

    private static boolean pagingFields(StringBuilder sb, boolean empty, boolean more, String next) {
        if (empty && !more) {
            return false;
        }
        sb.append("\"more\":").append(more);
        if (more && next != null) {
            sb.append(",\"next\":\"").append(next).append('"');
        }
        return true;
    }

    private static void writePaging(JsonGenerator g, boolean empty, boolean more, String next) throws IOException {
        if (empty && !more) {
            return;
        }
        g.writeBooleanField("more", more);
        if (more && next != null) {
            g.writeStringField("next", next);
        }
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = StixJson.mapper().getFactory().createGenerator(out);
        // the container owns the stream; closing the generator must only flush it
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }
}
