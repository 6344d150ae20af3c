package nl.camiso.taxii.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import nl.camiso.stix.StixJson;
import nl.camiso.taxii.TaxiiServices;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.http.TaxiiEndpoint;
import nl.camiso.taxii.http.TaxiiMediaTypes;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.Catalog;

/** Server Discovery (§4.1): lists only the API roots the requester may see, as relative URLs. */
@Path("taxii2")
@TaxiiEndpoint
public final class DiscoveryResource {

    private final CollectionAccess access;

    @Inject
    public DiscoveryResource(TaxiiServices services, @Context ContainerRequestContext request) {
        this.access = CollectionAccess.of(services, request);
    }

    @GET
    public Response discovery() {
        access.decide(Operation.READ_DISCOVERY, Target.server()).require("discovery");
        Catalog catalog = access.services().catalog();
        ObjectNode n = StixJson.mapper().createObjectNode();
        n.put("title", catalog.title());
        putOptional(n, "description", catalog.description());
        putOptional(n, "contact", catalog.contact());
        ArrayNode roots = StixJson.mapper().createArrayNode();
        for (ApiRootInfo root : catalog.apiRoots()) {
            if (access.allows(Operation.READ_API_ROOT, Target.apiRoot(root))) {
                roots.add(Resources.url(root.name()));
            }
        }
        catalog.defaultApiRoot().map(Resources::url).filter(u -> contains(roots, u)).ifPresent(u -> n.put("default", u));
        if (!roots.isEmpty()) {
            n.set("api_roots", roots);
        }
        return Response.ok(StixJson.writeBytes(n), TaxiiMediaTypes.TAXII_21_TYPE).build();
    }

    private static boolean contains(ArrayNode a, String value) {
        for (var item : a) {
            if (item.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    static void putOptional(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }
}
