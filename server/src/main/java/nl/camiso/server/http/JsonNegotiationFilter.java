package nl.camiso.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Set;

/**
 * 406 and 415 for every {@link JsonEndpoint}, by the rules of {@link JsonExchange}. Runs after
 * authentication and before the resource, so the answer never depends on what the resource would
 * find; a request that sends a body must send it as JSON (one without a body is the resource's to
 * judge: some need none).
 */
@JsonEndpoint
@Priority(Priorities.HEADER_DECORATOR)
public final class JsonNegotiationFilter implements ContainerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        JsonExchange.requireAcceptsJson(request.getHeaderString(HttpHeaders.ACCEPT), endpointName());
        if (WITH_BODY.contains(request.getMethod()) && request.hasEntity()) {
            JsonExchange.requireJsonContent(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        }
    }

    private String endpointName() {
        JsonEndpoint onMethod = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(JsonEndpoint.class);
        JsonEndpoint onClass = resource.getResourceClass() == null ? null
                : resource.getResourceClass().getAnnotation(JsonEndpoint.class);
        return onMethod != null ? onMethod.value() : onClass != null ? onClass.value() : "This endpoint";
    }
}
