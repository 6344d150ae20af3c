package nl.camiso.server.ingest;

import nl.camiso.server.http.JsonEndpoint;
import jakarta.ws.rs.core.Feature;
import nl.camiso.taxii.Injection;
import jakarta.inject.Inject;
import nl.camiso.server.http.ClientAddress;
import nl.camiso.server.http.JsonExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.camiso.server.identity.Principal;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.json.TaxiiJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;

import static nl.camiso.taxii.TaxiiException.badRequest;

/**
 * {@code POST /{root}/x-camiso/sightings/forward/}: see {@link SightingsForwarder} and INGEST.md.
 * Answers 202 with the TAXII status resource of the post into the target collection, plus an
 * {@code x_camiso_forward} summary, as {@code application/json}.
 */
@Path("{root}/x-camiso/sightings/forward")
@JsonEndpoint
public final class SightingsForwardResource {

    static final int MAX_BODY = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("from_collection", "to_collection", "anonymise", "since");

    private final SightingsForwarder forwarder;

    @Inject
    public SightingsForwardResource(SightingsForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /** The endpoint, to register with an application (per-request resource; the forwarder is shared). */
    public static Feature feature(SightingsForwarder forwarder) {
        return context -> {
            context.register(new Injection.Binding<>(forwarder, SightingsForwarder.class) { });
            context.register(SightingsForwardResource.class);
            return true;
        };
    }

    @POST
    public Response forward(@PathParam("root") String root, @Context ContainerRequestContext context,
                            InputStream body) throws IOException {
        SightingsForwarder.Request request = parse(body);
        SightingsForwarder.Result result = forwarder.forward(CollectionAccess.of(forwarder.services(), context),
                Principal.current(context), root, request, ClientAddress.of(context));
        ObjectNode out = (ObjectNode) StixJson.parse(TaxiiJson.status(result.status()));
        ObjectNode summary = out.putObject("x_camiso_forward");
        summary.put("from_collection", result.from().id());
        summary.put("to_collection", result.to().id());
        summary.put("anonymised", result.anonymised());
        summary.put("source_sightings", result.sourceSightings());
        summary.put("indicators", result.indicators());
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE).entity(StixJson.writeBytes(out)).build();
    }

    private static SightingsForwarder.Request parse(InputStream body) throws IOException {
        JsonNode n = JsonExchange.readObject(body, MAX_BODY, false, "{\"from_collection\": ..., \"to_collection\": ...,"
                + " \"anonymise\": true, \"since\": \"2026-11-01T00:00:00Z\"}.");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw badRequest("Unknown field \"" + TaxiiJsonSafe.clip(f) + "\"; allowed: from_collection, to_collection,"
                        + " anonymise, since.");
            }
        }
        JsonNode anonymise = n.get("anonymise");
        if (anonymise != null && !anonymise.isBoolean()) {
            throw badRequest("\"anonymise\" must be true or false.");
        }
        return new SightingsForwarder.Request(text(n, "from_collection"), text(n, "to_collection"),
                anonymise == null || anonymise.booleanValue(), text(n, "since"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw badRequest("\"" + field + "\" must be a string.");
        }
        return v.textValue();
    }

    /** JSON in, JSON out: {@code application/json} or the TAXII media type; anything else is 406/415. */


    /** Keeps client text in error messages short. */
    private static final class TaxiiJsonSafe {
        static String clip(String s) {
            String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            return t.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
