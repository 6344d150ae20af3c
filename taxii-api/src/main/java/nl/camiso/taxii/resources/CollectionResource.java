package nl.camiso.taxii.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.http.Conditional;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import nl.camiso.taxii.http.TaxiiEndpoint;
import nl.camiso.taxii.json.TaxiiJson;
import nl.camiso.taxii.query.Endpoint;
import nl.camiso.taxii.query.QueryParser;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.ObjectQuery;
import nl.camiso.taxii.spi.Page;
import nl.camiso.taxii.spi.Requester;
import nl.camiso.taxii.spi.StatusRecord;
import nl.camiso.taxii.spi.StoredVersion;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One collection (§5.2) and everything under it: manifest (§5.3), objects (§5.4, §5.5), one
 * object (§5.6, §5.7) and its versions (§5.8).
 *
 * <p>Order of checks: (authentication, 406/415 in filters) → API root 404 → collection 404 →
 * can_read/can_write 403 (both decided by the {@link nl.camiso.taxii.access.Authorizer}) →
 * query parameters 400 → (POST) 413 → body 400/422 → object 404.
 */
@Path("{root}/collections/{collection}")
@TaxiiEndpoint
public final class CollectionResource {

    /**
     * Envelopes parsed, validated and stored at once: one per core. More only compete for the same
     * cores and multiply the parsed envelopes on the heap (measured on 2 cores with 4 client
     * threads, 300k objects on H2: 7,300 objects/s without the limit, 9,200 with 2 slots, 9,000
     * with 1). The body is read before a slot is taken, so a slow upload holds none; waiting
     * requests are served in arrival order.
     */
    private static final Semaphore INGEST_SLOTS =
            new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /**
     * How long an envelope waits for a slot before the client gets 503 with Retry-After: long
     * enough for a few envelopes ahead of it, short enough that a client's timeout does not hit
     * first (a client that timed out would send the envelope again while it still waits).
     */
    static final long INGEST_WAIT_SECONDS = 20;

    private static boolean takeIngestSlot() {
        try {
            return INGEST_SLOTS.tryAcquire(INGEST_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // the server is stopping
        }
    }

    private final CollectionAccess access;
    private final TaxiiServices services;
    private final UriInfo uri;

    @Inject
    public CollectionResource(TaxiiServices services, @Context ContainerRequestContext request,
                              @Context UriInfo uri) {
        this.services = services;
        this.access = CollectionAccess.of(services, request);
        this.uri = uri;
    }

    @GET
    public Response collection(@PathParam("root") String root, @PathParam("collection") String id) {
        CollectionInfo c = access.collection(root, id, Operation.READ_COLLECTION);
        return ApiRootResource.ok(StixJson.writeBytes(ApiRootResource.collection(c, access.canRead(c), access.canWrite(c))));
    }

    @GET
    @Path("manifest")
    public Response manifest(@PathParam("root") String root, @PathParam("collection") String id,
                             @Context Request request) {
        CollectionInfo c = access.collection(root, id, Operation.READ_MANIFEST);
        QueryParser.Parsed q = parse(Endpoint.MANIFEST, c, null);
        Conditional.Validator v = validator("manifest", c);
        Optional<Response> unchanged = v == null ? Optional.empty() : Conditional.notModified(request, v);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        Page<StoredVersion> page = services.store().find(c.id(), q.query());
        return conditional(Resources.page(TaxiiJson.manifest(page.items(), page.more(), Resources.next(page, q)), page, q), v);
    }

    @GET
    @Path("objects")
    public Response objects(@PathParam("root") String root, @PathParam("collection") String id,
                            @Context Request request) {
        CollectionInfo c = access.collection(root, id, Operation.READ_OBJECTS);
        QueryParser.Parsed q = parse(Endpoint.OBJECTS, c, null);
        Conditional.Validator v = validator("objects", c);
        Optional<Response> unchanged = v == null ? Optional.empty() : Conditional.notModified(request, v);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        Page<StoredVersion> page = services.store().find(c.id(), q.query());
        return conditional(Resources.page(TaxiiJson.envelope(page.items(), page.more(), Resources.next(page, q)), page, q), v);
    }

    /**
     * The validator of a Get Objects or Get Manifest answer, before the query: the collection's
     * last change (one row), the endpoint, the normalised query and the reader; null when the
     * store cannot tell when the collection changed.
     */
    private Conditional.Validator validator(String endpoint, CollectionInfo c) {
        long lastChange = services.store().lastChange(c.id());
        if (lastChange < 0) {
            return null;
        }
        Requester reader = access.requester();
        return Conditional.validator(List.of(endpoint, c.id(), Conditional.normalisedQuery(uri.getQueryParameters()),
                reader.isAuthenticated() ? "account:" + reader.name() : "anonymous"), lastChange, !reader.isAuthenticated());
    }

    private static Response conditional(Response r, Conditional.Validator v) {
        return v == null ? r : v.decorate(Response.fromResponse(r)).build();
    }

    @POST
    @Path("objects")
    public Response addObjects(@PathParam("root") String rootName, @PathParam("collection") String id,
                               @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body)
            throws IOException {
        long requestMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        ApiRootInfo root = access.apiRoot(rootName);
        CollectionInfo c = access.collection(root, id, Operation.ADD_OBJECTS, "collection");
        byte[] bytes = readBounded(body, contentLength, root.maxContentLength());
        if (!takeIngestSlot()) {
            throw TaxiiException.unavailable("The server is busy storing other envelopes; nothing of this one"
                    + " was stored. Send it again in a few seconds.");
        }
        try {
            return ingest(bytes, root, c, requestMicros);
        } finally {
            INGEST_SLOTS.release();
        }
    }

    private Response ingest(byte[] bytes, ApiRootInfo root, CollectionInfo c, long requestMicros) throws IOException {
        JsonNode envelope;
        try {
            envelope = StixJson.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new TaxiiException(400, "Invalid JSON", "The request body is not valid JSON: " + StixJson.problem(e));
        }
        if (envelope.isMissingNode()) {
            throw new TaxiiException(400, "Invalid JSON", "The request body is empty; it must be a TAXII envelope.");
        }
        EnvelopeIntake intake = EnvelopeIntake.of(envelope, services, access.requester(), c);
        StatusRecord status = intake.store(services.store(), root.name(), c.id(), access.requester().name(),
                requestMicros);
        return Response.status(202).entity(TaxiiJson.status(status)).type(TaxiiMediaTypes.TAXII_21_TYPE).build();
    }

    @GET
    @Path("objects/{objectId}")
    public Response object(@PathParam("root") String root, @PathParam("collection") String id,
                           @PathParam("objectId") String objectId) {
        CollectionInfo c = access.collection(root, id, Operation.READ_OBJECTS);
        QueryParser.Parsed q = parse(Endpoint.OBJECT, c, objectId);
        requireObject(c, objectId);
        Page<StoredVersion> page = services.store().find(c.id(), q.query());
        return Resources.page(TaxiiJson.envelope(page.items(), page.more(), Resources.next(page, q)), page, q);
    }

    /** §5.7: allowed only with can_read and can_write ({@link Operation#DELETE_OBJECTS}). */
    @DELETE
    @Path("objects/{objectId}")
    public Response deleteObject(@PathParam("root") String root, @PathParam("collection") String id,
                                 @PathParam("objectId") String objectId) {
        CollectionInfo c = access.collection(root, id, Operation.DELETE_OBJECTS);
        ObjectQuery q = parse(Endpoint.DELETE, c, objectId).query();
        requireObject(c, objectId);
        int removed = services.store().delete(c.id(), objectId, q.versions(), q.specVersions());
        if (removed == 0) {
            throw new TaxiiException(404, "Not Found", "No version of this object matches the filters.");
        }
        return Response.ok().type(TaxiiMediaTypes.TAXII_21_TYPE).build();
    }

    @GET
    @Path("objects/{objectId}/versions")
    public Response versions(@PathParam("root") String root, @PathParam("collection") String id,
                             @PathParam("objectId") String objectId) {
        CollectionInfo c = access.collection(root, id, Operation.READ_VERSIONS);
        QueryParser.Parsed q = parse(Endpoint.VERSIONS, c, objectId);
        requireObject(c, objectId);
        Page<StoredVersion> page = services.store().find(c.id(), q.query());
        return Resources.page(TaxiiJson.versions(page.items(), page.more(), Resources.next(page, q)), page, q);
    }

    private QueryParser.Parsed parse(Endpoint endpoint, CollectionInfo c, String objectId) {
        return new QueryParser(services.maxPageSize(), services.cursor())
                .parse(endpoint, uri.getQueryParameters(), c.id(), objectId, access.requester().name());
    }

    private void requireObject(CollectionInfo c, String objectId) {
        if (!services.store().contains(c.id(), objectId)) {
            throw TaxiiException.notFound("object");
        }
    }

    /**
     * Reads the whole body, refusing more than {@code max} octets: by the declared Content-Length
     * when there is one, and by counting, so a chunked body cannot get past the limit either.
     */
    private static byte[] readBounded(InputStream body, String contentLength, long max) throws IOException {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new TaxiiException(400, "Invalid Content-Length", "The Content-Length header is not a number.");
            }
            if (declared > max) {
                throw tooLarge(max);
            }
        }
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(cap + 1);
        if (bytes.length > cap) {
            throw tooLarge(max);
        }
        return bytes;
    }

    private static TaxiiException tooLarge(long max) {
        return new TaxiiException(413, "Payload Too Large",
                "The request body is larger than this API root's max_content_length of " + max + " octets.");
    }
}
