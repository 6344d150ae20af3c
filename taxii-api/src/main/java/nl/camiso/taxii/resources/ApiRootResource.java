package nl.camiso.taxii.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.TaxiiException;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.http.TaxiiEndpoint;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import nl.camiso.taxii.json.TaxiiJson;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;
import nl.camiso.taxii.spi.StatusRecord;

/** Get API Root Information (§4.2), Get Status (§4.3) and Get Collections (§5.1). */
@Path("{root}")
@TaxiiEndpoint
public final class ApiRootResource {

    private final CollectionAccess access;

    @Inject
    public ApiRootResource(TaxiiServices services, @Context ContainerRequestContext request) {
        this.access = CollectionAccess.of(services, request);
    }

    @GET
    public Response apiRoot(@PathParam("root") String rootName) {
        ApiRootInfo root = access.apiRoot(rootName);
        ObjectNode n = StixJson.mapper().createObjectNode();
        n.put("title", root.title());
        DiscoveryResource.putOptional(n, "description", root.description());
        n.putArray("versions").add(TaxiiMediaTypes.TAXII_21);
        n.put("max_content_length", root.maxContentLength());
        return ok(StixJson.writeBytes(n));
    }

    /** A status is visible only to whom the authorizer allows (by default: who posted); else 404. */
    @GET
    @Path("status/{statusId}")
    public Response status(@PathParam("root") String rootName, @PathParam("statusId") String statusId) {
        ApiRootInfo root = access.apiRoot(rootName);
        StatusRecord status = access.services().store().status(root.name(), statusId)
                .orElseThrow(() -> TaxiiException.notFound("status"));
        access.decide(Operation.READ_STATUS, Target.status(root.name(), status.owner())).require("status");
        return ok(TaxiiJson.status(status));
    }

    /** Only collections the requester may read or write, in the catalog's order; {@code {}} when none. */
    @GET
    @Path("collections")
    public Response collections(@PathParam("root") String rootName) {
        ApiRootInfo root = access.apiRoot(rootName);
        ArrayNode list = StixJson.mapper().createArrayNode();
        for (CollectionInfo c : access.services().catalog().collections(root.name())) {
            if (access.allows(Operation.READ_COLLECTION, c)) {
                boolean read = access.canRead(c);
                boolean write = access.canWrite(c);
                list.add(collection(c, read, write));
            }
        }
        ObjectNode n = StixJson.mapper().createObjectNode();
        if (!list.isEmpty()) {
            n.set("collections", list);
        }
        return ok(StixJson.writeBytes(n));
    }

    static ObjectNode collection(CollectionInfo c, boolean canRead, boolean canWrite) {
        ObjectNode n = StixJson.mapper().createObjectNode();
        n.put("id", c.id());
        n.put("title", c.title());
        DiscoveryResource.putOptional(n, "description", c.description());
        DiscoveryResource.putOptional(n, "alias", c.alias());
        n.put("can_read", canRead);
        n.put("can_write", canWrite);
        if (c.mediaTypes() != null && !c.mediaTypes().isEmpty()) {
            ArrayNode types = n.putArray("media_types");
            c.mediaTypes().forEach(types::add);
        }
        return n;
    }

    static Response ok(byte[] body) {
        return Response.ok(body, TaxiiMediaTypes.TAXII_21_TYPE).build();
    }
}
