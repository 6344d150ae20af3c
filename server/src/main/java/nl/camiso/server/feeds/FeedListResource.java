package nl.camiso.server.feeds;

import nl.camiso.server.http.JsonEndpoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.camiso.server.config.ApiRootConfig;
import nl.camiso.taxii.access.CollectionAccess;
import nl.camiso.taxii.access.Operation;
import nl.camiso.taxii.access.Target;
import nl.camiso.taxii.spi.ApiRootInfo;
import nl.camiso.taxii.spi.CollectionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static nl.camiso.taxii.TaxiiException.notFound;

/**
 * {@code GET /{root}/x-camiso/feeds/}: the feeds the requester may read, as JSON: each readable
 * collection, and each feed set with at least one readable collection, listing only those (the
 * others are not named). An API root the requester may neither see nor read a feed of is 404.
 */
@Path("{root}/x-camiso/feeds")
@JsonEndpoint("The feed list")
public final class FeedListResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORMATS = List.of(FeedResource.FORMAT_NAMES.split(", "));

    private final FeedResource.Services services;

    @Inject
    public FeedListResource(FeedResource.Services services) {
        this.services = services;
    }

    @GET
    public Response list(@PathParam("root") String rootName, @Context ContainerRequestContext request) {
        CollectionAccess access = CollectionAccess.of(services.taxii(), request);
        ApiRootInfo root = services.taxii().catalog().apiRoot(rootName).orElseThrow(() -> notFound("API root"));
        List<CollectionInfo> readable = services.taxii().catalog().collections(root.name()).stream()
                .filter(c -> access.allows(Operation.READ_FEED, c)).toList();
        if (readable.isEmpty() && !access.allows(Operation.READ_API_ROOT, Target.apiRoot(root))) {
            throw notFound("API root");
        }
        String base = "/" + root.name() + "/x-camiso/feeds/";
        ObjectNode body = JSON.createObjectNode();
        ArrayNode feeds = body.putArray("collections");
        for (CollectionInfo c : readable) {
            String name = c.alias() != null ? c.alias() : c.id();
            feeds.addObject().put("name", name).put("id", c.id()).put("title", c.title())
                    .put("path", base + name + "/{format}");
        }
        ArrayNode sets = body.putArray("feed_sets");
        for (Map.Entry<String, ApiRootConfig.FeedSetConfig> e : services.sets().of(root.name()).entrySet()) {
            List<String> members = new ArrayList<>();
            for (String ref : e.getValue().collections()) {
                Optional<CollectionInfo> c = services.taxii().catalog().collection(root.name(), ref);
                if (c.isPresent() && readable.contains(c.get())) {
                    String name = c.get().alias() != null ? c.get().alias() : c.get().id();
                    if (!members.contains(name)) {
                        members.add(name);
                    }
                }
            }
            if (!members.isEmpty()) {
                ObjectNode set = sets.addObject().put("name", e.getKey()).put("title", e.getValue().title());
                members.forEach(set.putArray("collections")::add);
                set.put("path", base + e.getKey() + "/{format}");
            }
        }
        FORMATS.forEach(body.putArray("formats")::add);
        try {
            return Response.ok(JSON.writeValueAsBytes(body), MediaType.APPLICATION_JSON_TYPE)
                    .header("Cache-Control", "private, no-cache").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
